package org.watchpost.agent.detect;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A body and the charset it is written in, as a browser would decide it: a byte order mark first, then the
 * {@code Content-Type} header's {@code charset}, then {@code <meta charset>} or {@code <meta http-equiv>} in the
 * first {@value #META_PREFIX} bytes, else UTF-8. Labels are read the way browsers read them: {@code iso-8859-1},
 * {@code latin1} and {@code us-ascii} mean windows-1252, which is a superset of them.
 *
 * <p>Everything the detector reads is UTF-8: the anchors, the decoded windows, the evidence. A UTF-8 page, and a page
 * in an ASCII-compatible charset that has no byte above 0x7F, are scanned as they are (no copy). Any other page is
 * transcoded to UTF-8 once, and every offset the detector works with is an offset in that copy; so an ISO-8859-1
 * "Ministère" matches {@code expect.contains} and its evidence reads "Ministère", not "Minist\uFFFDre".
 */
final class PageText {
    static final int META_PREFIX = 2048;

    private final Charset charset;
    private final byte[] utf8;
    private final String source;
    private String decoded;

    private PageText(Charset charset, byte[] utf8, String source) {
        this.charset = charset;
        this.utf8 = utf8;
        this.source = source;
    }

    /** The charset the page was read in. */
    Charset charset() {
        return charset;
    }

    /** Where the charset was taken from: {@code bom}, {@code header}, {@code meta} or {@code default}. */
    String source() {
        return source;
    }

    /** The body as UTF-8 bytes: the probe's own array when no transcoding was needed. */
    byte[] utf8() {
        return utf8;
    }

    /** The whole body as text, decoded once on first use (expectations need it; the signature scan does not). */
    String text() {
        if (decoded == null) {
            decoded = new String(utf8, StandardCharsets.UTF_8);
        }
        return decoded;
    }

    static PageText of(byte[] body, Map<String, List<String>> headers) {
        Charset bom = bom(body);
        if (bom != null) {
            int skip = bom == StandardCharsets.UTF_8 ? 3 : 2;
            return new PageText(bom, new String(body, skip, body.length - skip, bom).getBytes(StandardCharsets.UTF_8),
                    "bom");
        }
        String source = "header";
        Charset cs = fromContentType(headers);
        if (cs == null) {
            cs = fromMeta(body);
            source = "meta";
        }
        if (cs == null) {
            return new PageText(StandardCharsets.UTF_8, body, "default");
        }
        if (cs.equals(StandardCharsets.UTF_8) || (asciiCompatible(cs) && isAscii(body))) {
            return new PageText(cs, body, source);
        }
        SingleByte table = SINGLE_BYTE.get(cs.name());
        return new PageText(cs, table != null ? table.transcode(body)
                : new String(body, cs).getBytes(StandardCharsets.UTF_8), source);
    }

    /**
     * The UTF-8 of bytes 0x80–0xFF in a single-byte charset, flat (three bytes per entry, {@code length} of them
     * used). Transcoding by table runs several times faster than decoding to a String and encoding it again.
     */
    private record SingleByte(byte[] utf8, byte[] length) {
        static SingleByte of(Charset cs) {
            byte[] utf8 = new byte[128 * 3];
            byte[] length = new byte[128];
            for (int b = 0x80; b <= 0xFF; b++) {
                byte[] u = new String(new byte[] {(byte) b}, cs).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(u, 0, utf8, (b - 0x80) * 3, u.length); // at most 3: the BMP is all they map to
                length[b - 0x80] = (byte) u.length;
            }
            return new SingleByte(utf8, length);
        }

        byte[] transcode(byte[] body) {
            int n = body.length;
            for (byte x : body) {
                if (x < 0) {
                    n += length[x & 0x7f] - 1;
                }
            }
            byte[] out = new byte[n];
            int o = 0;
            for (byte x : body) {
                if (x >= 0) {
                    out[o++] = x;
                } else {
                    int k = x & 0x7f;
                    int at = k * 3;
                    int l = length[k];
                    out[o++] = utf8[at];
                    if (l > 1) {
                        out[o++] = utf8[at + 1];
                        if (l > 2) {
                            out[o++] = utf8[at + 2];
                        }
                    }
                }
            }
            return out;
        }
    }

    /** Tables for the single-byte charsets older sites use; immutable. */
    private static final Map<String, SingleByte> SINGLE_BYTE = singleByteTables();

    private static Map<String, SingleByte> singleByteTables() {
        Map<String, SingleByte> tables = new java.util.HashMap<>();
        for (String name : List.of("windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254",
                "windows-1255", "windows-1256", "windows-1257", "windows-1258", "ISO-8859-1", "ISO-8859-2",
                "ISO-8859-5", "ISO-8859-7", "ISO-8859-9", "ISO-8859-15", "KOI8-R", "KOI8-U")) {
            if (Charset.isSupported(name)) {
                Charset cs = Charset.forName(name);
                tables.put(cs.name(), SingleByte.of(cs));
            }
        }
        return Map.copyOf(tables);
    }

    /**
     * The charsets sites declare, by every label and alias, looked up once: a {@code Charset.forName} that misses
     * the JDK's two-entry cache walks the class path for charset providers, which costs more than scanning the page.
     */
    private static final Map<String, Charset> KNOWN = knownCharsets();

    private static Map<String, Charset> knownCharsets() {
        Map<String, Charset> known = new java.util.HashMap<>();
        for (String name : List.of("UTF-8", "UTF-16LE", "UTF-16BE", "windows-1250", "windows-1251", "windows-1252",
                "windows-1253", "windows-1254", "windows-1255", "windows-1256", "windows-1257", "windows-1258",
                "ISO-8859-2", "ISO-8859-5", "ISO-8859-7", "ISO-8859-9", "ISO-8859-15", "KOI8-R", "KOI8-U", "Shift_JIS",
                "EUC-JP", "GBK", "GB2312", "GB18030", "Big5", "EUC-KR", "ISO-2022-JP", "TIS-620")) {
            if (Charset.isSupported(name)) {
                Charset cs = Charset.forName(name);
                known.put(cs.name().toLowerCase(Locale.ROOT), cs);
                cs.aliases().forEach(a -> known.putIfAbsent(a.toLowerCase(Locale.ROOT), cs));
            }
        }
        return Map.copyOf(known);
    }

    private static Charset bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static Charset fromContentType(Map<String, List<String>> headers) {
        List<String> values = headers.get("content-type");
        if (values == null) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase("content-type")) {
                    values = e.getValue();
                }
            }
        }
        if (values == null || values.isEmpty()) {
            return null;
        }
        return charsetParameter(values.get(0));
    }

    /** The {@code charset=} parameter of a media type such as {@code text/html; charset="ISO-8859-1"}. */
    static Charset charsetParameter(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("charset");
        while (at >= 0) {
            int i = at + "charset".length();
            while (i < lower.length() && lower.charAt(i) == ' ') {
                i++;
            }
            if (i < lower.length() && lower.charAt(i) == '=') {
                i++;
                while (i < lower.length() && (lower.charAt(i) == ' ' || lower.charAt(i) == '"'
                        || lower.charAt(i) == '\'')) {
                    i++;
                }
                int end = i;
                while (end < lower.length() && isLabelChar(lower.charAt(end))) {
                    end++;
                }
                return forLabel(lower.substring(i, end));
            }
            at = lower.indexOf("charset", at + 1);
        }
        return null;
    }

    /** {@code <meta charset="x">} or {@code <meta http-equiv="Content-Type" content="text/html; charset=x">}. */
    private static Charset fromMeta(byte[] b) {
        int n = Math.min(b.length, META_PREFIX);
        for (int i = 0; i + 5 < n; i++) {
            if (b[i] == '<' && PageContext.startsWithIgnoreCase(b, i + 1, "meta")) {
                int end = i + 5;
                while (end < n && b[end] != '>') {
                    end++;
                }
                Charset cs = charsetParameter(new String(b, i, end - i, StandardCharsets.ISO_8859_1));
                if (cs != null) {
                    return cs;
                }
                i = end;
            }
        }
        return null;
    }

    /** A charset for a label, or null when the label is unknown (the page is then read as UTF-8). */
    static Charset forLabel(String label) {
        String l = label.strip().toLowerCase(Locale.ROOT);
        if (l.isEmpty()) {
            return null;
        }
        if (l.equals("utf-8")) {
            return StandardCharsets.UTF_8; // the usual case, without a charset lookup
        }
        switch (l) {
            case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp1252" -> l =
                    "windows-1252";
            case "utf8", "unicode-1-1-utf-8" -> l = "utf-8";
            // A UTF-16 label without a byte order mark: browsers read it as UTF-16LE, and so do we.
            case "utf-16", "unicode" -> l = "utf-16le";
            default -> {
            }
        }
        Charset known = KNOWN.get(l);
        if (known != null) {
            return known;
        }
        try {
            return Charset.isSupported(l) ? Charset.forName(l) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.';
    }

    /** Whether every ASCII character is one byte of the same value (so ASCII anchors match the raw bytes). */
    private static boolean asciiCompatible(Charset cs) {
        String name = cs.name().toLowerCase(Locale.ROOT);
        return !name.startsWith("utf-16") && !name.startsWith("utf-32") && !name.startsWith("x-utf-16")
                && !name.startsWith("x-utf-32") && !name.contains("ebcdic") && !name.startsWith("ibm0")
                && !name.startsWith("ibm-0") && !name.equals("utf-7");
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }
}

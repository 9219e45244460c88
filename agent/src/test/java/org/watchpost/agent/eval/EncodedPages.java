package org.watchpost.agent.eval;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.watchpost.agent.detect.Expect;
import org.watchpost.agent.e2e.PageServer;

/**
 * The same pages in the encodings older institutional sites still serve, with the charset declared in the header,
 * in {@code <meta>}, or both; characters the charset lacks become numeric character references, as a CMS writing
 * that charset emits them. The host page carries the site's name, in a script the charset has, as its expected
 * text ({@code expect.contains}); the failure pages are the live snippets after {@code </html>} of a 30 KB page. The localized WordPress
 * messages are transcoded too, each into the single-byte charset its language was served in.
 */
final class EncodedPages {
    private static final Pattern META_CHARSET = Pattern.compile(
            "(?i)<meta\\s+charset=[\"']?[a-z0-9_-]+[\"']?\\s*/?>|<meta\\s+http-equiv=[\"']?content-type[\"']?[^>]*>");
    private static final int HOST_SIZE = 30_000;
    /**
     * Where the snippets go: after {@code </html>}, the position the size set catches best in UTF-8, so that what
     * the encodings lose is the encoding's doing; the UTF-8 rows are the control.
     */
    static final HostPages.Position POSITION = HostPages.Position.AFTER_FOOTER;

    enum Encoding {
        /** The control: the same pages as they were generated. */
        UTF_8("UTF-8", "utf-8", "Ministère de la Justice"),
        ISO_8859_1("ISO-8859-1", "iso-8859-1", "Ministère de la Justice"),
        WINDOWS_1252("windows-1252", "windows-1252", "Ministère de la Justice"),
        WINDOWS_1251("windows-1251", "windows-1251", "Министерство юстиции"),
        UTF_16("UTF-16", "utf-16", "Ministère de la Justice");

        final Charset charset;
        final String label;
        final String siteName;

        Encoding(String charset, String label, String siteName) {
            this.charset = Charset.forName(charset);
            this.label = label;
            this.siteName = siteName;
        }
    }

    enum Declaration {
        HEADER("charset in the header"),
        META("charset in <meta>"),
        BOTH("charset in both");

        final String label;

        Declaration(String label) {
            this.label = label;
        }
    }

    /** Locales whose sites were served in windows-1251 before UTF-8; the others in a Western charset. */
    private static final Set<String> CYRILLIC = Set.of("ru_RU", "ru_UA", "bg_BG", "uk", "sr_RS", "mk_MK");
    private static final Set<String> WESTERN = Set.of("fr_FR", "de_DE", "es_ES", "es_CL", "es_PE", "it_IT", "pt_PT",
            "pt_BR", "nl_NL", "nl", "da_DK", "sv_SE", "nb_NO", "nn_NO", "fi", "ca", "gl_ES", "eu", "en_CA", "id_ID",
            "ms_MY", "sq", "cy", "gd", "su_ID", "jv_ID", "sw");

    private EncodedPages() {
    }

    static List<Sample.Judged> judge(DetectorUnderTest agent, PageServer pages, ExecutorService pool,
                                     List<SizedPages.Snippet> snippets, List<Sample.Judged> localized) {
        List<Sample> samples = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        List<Expect> expects = new ArrayList<>();
        String host = HostPages.page(HOST_SIZE);
        int n = 0;
        for (Encoding enc : Encoding.values()) {
            String named = host.replaceFirst("(<body\\b[^>]*>)", "$1\n<p class=\"site-name\">" + enc.siteName + "</p>");
            for (Declaration decl : Declaration.values()) {
                String group = enc.label + ", " + decl.label;
                urls.add(serve(pages, "/enc/" + n++ + ".html", named, enc, decl));
                samples.add(new Sample(MaterialSet.ENCODINGS, group, "host page with expect.contains \""
                        + enc.siteName + "\" (" + group + ")", Expected.HEALTHY));
                expects.add(new Expect(List.of(), List.of(enc.siteName), List.of()));
                for (SizedPages.Snippet s : snippets) {
                    String page = HostPages.embed(named, s.html(), POSITION);
                    urls.add(serve(pages, "/enc/" + n++ + ".html", page, enc, decl));
                    samples.add(new Sample(MaterialSet.ENCODINGS, group, s.source() + " (" + group + ")",
                            s.expected()));
                    expects.add(Expect.DEFAULT);
                }
            }
        }
        for (Sample.Judged j : localized) {
            String locale = j.sample().name();
            Encoding enc = CYRILLIC.contains(locale) ? Encoding.WINDOWS_1251
                    : WESTERN.contains(locale) ? Encoding.WINDOWS_1252 : null;
            String page = new String(j.outcome().body(), StandardCharsets.UTF_8);
            if (page.isBlank()) {
                continue;
            }
            for (Encoding e : enc == null ? List.of(Encoding.UTF_16) : List.of(enc, Encoding.UTF_16)) {
                String group = j.sample().group() + ", " + e.label;
                urls.add(serve(pages, "/enc/" + n++ + ".html", page, e, Declaration.BOTH));
                samples.add(new Sample(MaterialSet.ENCODINGS, group, locale + " (" + group + ")",
                        j.sample().expected()));
                expects.add(Expect.DEFAULT);
            }
        }
        List<Supplier<Outcome>> checks = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            URI url = urls.get(i);
            Expect expect = expects.get(i);
            checks.add(() -> agent.check(url, expect, null));
        }
        return Parallel.judge(pool, samples, checks);
    }

    private static URI serve(PageServer pages, String path, String page, Encoding enc, Declaration decl) {
        String declared = META_CHARSET.matcher(page).replaceAll("");
        if (decl != Declaration.HEADER) {
            String meta = "<meta charset=\"" + enc.label + "\">";
            int head = declared.toLowerCase(Locale.ROOT).indexOf("<head");
            if (head >= 0) {
                int close = declared.indexOf('>', head) + 1;
                declared = declared.substring(0, close) + "\n" + meta + declared.substring(close);
            } else {
                declared = meta + "\n" + declared;
            }
        }
        String contentType = decl == Declaration.META ? "text/html" : "text/html; charset=" + enc.label;
        return pages.put(path, 200, contentType, encode(declared, enc.charset));
    }

    /** The text in {@code charset}; a character it cannot hold becomes {@code &#N;}. UTF-16 gets its byte-order mark. */
    static byte[] encode(String text, Charset charset) {
        if (charset.name().equals("UTF-16") || charset.name().equals("UTF-8")) {
            return text.getBytes(charset); // Java's UTF-16 encoder writes big-endian with a byte-order mark.
        }
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (cp < 0x80 || encoder.canEncode(text.substring(i, i + len))) {
                run.append(text, i, i + len);
            } else {
                flush(encoder, run, out);
                out.writeBytes(("&#" + cp + ";").getBytes(StandardCharsets.US_ASCII));
            }
            i += len;
        }
        flush(encoder, run, out);
        return out.toByteArray();
    }

    private static void flush(CharsetEncoder encoder, StringBuilder run, ByteArrayOutputStream out) {
        if (run.isEmpty()) {
            return;
        }
        try {
            var bytes = encoder.reset().encode(CharBuffer.wrap(run));
            out.write(bytes.array(), bytes.arrayOffset(), bytes.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("could not encode text the encoder said it could: " + e, e);
        }
        run.setLength(0);
    }
}

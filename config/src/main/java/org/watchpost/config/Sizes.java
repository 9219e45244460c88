package org.watchpost.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them in config files: {@code 65536}, {@code 64KiB}, {@code 8MiB}, {@code 1GiB}.
 *
 * <p>Only binary (IEC) units are accepted, and only with their exact spelling. {@code MB} is refused rather than read as
 * either 10^6 or 2^20: a cap that is silently 5% off is the kind of surprise a bounded store must not have.
 */
public final class Sizes {
    private static final Map<String, Long> UNITS = units();

    private static final String VALID_UNITS = "valid units: " + String.join(", ", UNITS.keySet());
    private static final Pattern AMOUNT = Pattern.compile("(-?)(\\d+)(\\.\\d+)?\\s*(.*)");

    private Sizes() {
    }

    /**
     * Parses a whole number of bytes, optionally followed by one of {@code B, KiB, MiB, GiB, TiB}.
     *
     * @throws IllegalArgumentException with a message that quotes {@code text} and lists the valid units
     */
    public static long parse(String text) {
        if (text == null) {
            throw invalid("a size is required, such as 8MiB");
        }
        Matcher m = AMOUNT.matcher(text.strip());
        if (!m.matches()) {
            throw invalid("'" + text + "' is not a size such as 8MiB");
        }
        boolean negative = !m.group(1).isEmpty();
        String digits = m.group(2);
        String fraction = m.group(3);
        String unit = m.group(4);
        Long multiplier = unit.isEmpty() ? Long.valueOf(1) : UNITS.get(unit);
        if (multiplier == null) {
            String suggested = suggestUnit(unit);
            String amount = m.group(1) + digits + (fraction == null ? "" : fraction);
            throw invalid("unknown unit '" + unit + "' in '" + text + "'"
                    + (suggested == null ? "" : "; did you mean '" + amount + suggested + "'?"));
        }
        if (negative) {
            throw invalid("negative size '" + text + "'");
        }
        if (fraction != null) {
            BigDecimal exact = new BigDecimal(digits + fraction).multiply(BigDecimal.valueOf(multiplier));
            String suggestion = "";
            if (exact.stripTrailingZeros().scale() <= 0 && exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                suggestion = "; did you mean '" + format(exact.longValueExact()) + "'?";
            }
            throw invalid("fractional size '" + text + "'; write a whole number of a smaller unit" + suggestion);
        }
        BigInteger bytes = new BigInteger(digits).multiply(BigInteger.valueOf(multiplier));
        if (bytes.bitLength() > 63) {
            throw invalid("size '" + text + "' is too large, the largest is " + (Long.MAX_VALUE >> 40) + "TiB");
        }
        return bytes.longValueExact();
    }

    /**
     * Formats {@code bytes} exactly, in the largest unit that divides it: {@code 268435456} is {@code 256MiB},
     * {@code 1000} is {@code 1000B}. The result parses back to the same value.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative, was " + bytes);
        }
        if (bytes == 0) {
            return "0B";
        }
        String best = "B";
        for (Map.Entry<String, Long> unit : UNITS.entrySet()) {
            if (bytes % unit.getValue() == 0) {
                best = unit.getKey();
            }
        }
        return bytes / UNITS.get(best) + best;
    }

    /** The IEC unit someone probably meant by {@code MB}, {@code kb}, {@code g} and the like, or null. */
    private static String suggestUnit(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("byte") || u.equals("bytes")) {
            return "B";
        }
        if (u.isEmpty() || !u.matches("[kmgt](i?b)?")) {
            return null;
        }
        return switch (u.charAt(0)) {
            case 'k' -> "KiB";
            case 'm' -> "MiB";
            case 'g' -> "GiB";
            default -> "TiB";
        };
    }

    private static Map<String, Long> units() {
        Map<String, Long> units = new LinkedHashMap<>();
        units.put("B", 1L);
        units.put("KiB", 1L << 10);
        units.put("MiB", 1L << 20);
        units.put("GiB", 1L << 30);
        units.put("TiB", 1L << 40);
        return Collections.unmodifiableMap(units);
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(problem + (problem.endsWith("?") ? " " : "; ") + VALID_UNITS);
    }
}

package org.watchpost.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}.
 *
 * <p>One whole amount and one unit. A bare number is refused: {@code timeout: 10} could mean seconds or milliseconds,
 * and guessing wrong makes every probe time out or none. The largest duration is what fits in a {@code long} of
 * nanoseconds (about 292 years), so code can call {@link Duration#toNanos()} on any parsed value.
 */
public final class Durations {
    private static final Map<String, Long> UNIT_NANOS = units();

    private static final Map<String, String> UNIT_ALIASES = Map.ofEntries(
            Map.entry("msec", "ms"), Map.entry("msecs", "ms"), Map.entry("millis", "ms"),
            Map.entry("millisecond", "ms"), Map.entry("milliseconds", "ms"),
            Map.entry("sec", "s"), Map.entry("secs", "s"), Map.entry("second", "s"), Map.entry("seconds", "s"),
            Map.entry("min", "m"), Map.entry("mins", "m"), Map.entry("minute", "m"), Map.entry("minutes", "m"),
            Map.entry("hr", "h"), Map.entry("hrs", "h"), Map.entry("hour", "h"), Map.entry("hours", "h"),
            Map.entry("day", "d"), Map.entry("days", "d"));

    private static final String VALID_UNITS = "valid units: " + String.join(", ", UNIT_NANOS.keySet());
    private static final Pattern AMOUNT = Pattern.compile("(-?)(\\d+)(\\.\\d+)?\\s*(.*)");
    private static final Pattern COMPOUND = Pattern.compile("(\\d+(?:ms|s|m|h|d))+");
    private static final Pattern COMPOUND_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * Parses a whole amount followed by one of {@code ms, s, m, h, d}. Zero is accepted; callers that need a positive
     * duration check that themselves, so the message can name the setting.
     *
     * @throws IllegalArgumentException with a message that quotes {@code text} and lists the valid units
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw invalid("a duration is required, such as 30s");
        }
        String s = text.strip();
        Matcher m = AMOUNT.matcher(s);
        if (!m.matches()) {
            throw invalid("'" + text + "' is not a duration such as 30s");
        }
        boolean negative = !m.group(1).isEmpty();
        String digits = m.group(2);
        String fraction = m.group(3);
        String unit = m.group(4);
        if (unit.isEmpty()) {
            String suggestion = negative || fraction != null ? "" : "; did you mean '" + digits + "s'?";
            throw invalid("missing unit in '" + text + "'" + suggestion);
        }
        Long nanosPerUnit = UNIT_NANOS.get(unit);
        if (nanosPerUnit == null) {
            String suggested = negative || fraction != null ? null : suggest(s, digits, unit);
            throw invalid("unknown unit '" + unit + "' in '" + text + "'"
                    + (suggested == null ? "" : "; did you mean '" + suggested + "'?"));
        }
        if (negative) {
            throw invalid("negative duration '" + text + "'");
        }
        if (fraction != null) {
            BigDecimal nanos = new BigDecimal(digits + fraction).multiply(BigDecimal.valueOf(nanosPerUnit));
            String suggestion = "";
            if (nanos.remainder(BigDecimal.valueOf(1_000_000)).signum() == 0
                    && nanos.compareTo(new BigDecimal(MAX_NANOS)) <= 0) {
                suggestion = "; did you mean '" + format(Duration.ofNanos(nanos.longValueExact())) + "'?";
            }
            throw invalid("fractional duration '" + text + "'; write a whole number of a smaller unit" + suggestion);
        }
        BigInteger nanos = new BigInteger(digits).multiply(BigInteger.valueOf(nanosPerUnit));
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw invalid("duration '" + text + "' is too large, the largest is "
                    + Long.MAX_VALUE / UNIT_NANOS.get("d") + "d");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /**
     * Formats {@code d} in the largest unit that divides it exactly: 30s, 500ms, 5m, 1h, 7d, 90s. Anything
     * {@link #parse} returns formats back to a string it accepts. Sub-millisecond durations, which it never returns,
     * are written in {@code us} or {@code ns} so that no information is lost.
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        BigInteger nanos = BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(d.getNano()));
        if (nanos.signum() == 0) {
            return "0s";
        }
        String best = null;
        for (Map.Entry<String, Long> unit : UNIT_NANOS.entrySet()) {
            if (nanos.mod(BigInteger.valueOf(unit.getValue())).signum() == 0) {
                best = unit.getKey();
            }
        }
        if (best != null) {
            return nanos.divide(BigInteger.valueOf(UNIT_NANOS.get(best))) + best;
        }
        if (nanos.mod(BigInteger.valueOf(1000)).signum() == 0) {
            return nanos.divide(BigInteger.valueOf(1000)) + "us";
        }
        return nanos + "ns";
    }

    /** What {@code text} probably meant: {@code 30sec} is {@code 30s}, {@code 1h30m} is {@code 90m}; null if unclear. */
    private static String suggest(String text, String digits, String unit) {
        if (COMPOUND.matcher(text).matches()) {
            BigInteger total = BigInteger.ZERO;
            Matcher part = COMPOUND_PART.matcher(text);
            while (part.find()) {
                total = total.add(new BigInteger(part.group(1)).multiply(BigInteger.valueOf(UNIT_NANOS.get(part.group(2)))));
            }
            return total.compareTo(MAX_NANOS) <= 0 ? format(Duration.ofNanos(total.longValueExact())) : null;
        }
        String lower = unit.toLowerCase(Locale.ROOT);
        if (UNIT_NANOS.containsKey(lower)) {
            return digits + lower;
        }
        String alias = UNIT_ALIASES.get(lower);
        return alias == null ? null : digits + alias;
    }

    private static Map<String, Long> units() {
        Map<String, Long> units = new LinkedHashMap<>();
        units.put("ms", 1_000_000L);
        units.put("s", 1_000_000_000L);
        units.put("m", 60_000_000_000L);
        units.put("h", 3_600_000_000_000L);
        units.put("d", 86_400_000_000_000L);
        return Collections.unmodifiableMap(units);
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(problem + (problem.endsWith("?") ? " " : "; ") + VALID_UNITS);
    }
}

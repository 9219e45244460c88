package org.watchpost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
    private static final String UNITS = "valid units: ms, s, m, h, d";

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S",
            "30s, PT30S",
            "5m, PT5M",
            "2h, PT2H",
            "7d, PT168H",
            "0s, PT0S",
            "0ms, PT0S",
            "'10 s', PT10S",
            "90m, PT1H30M",
            "106751d, PT2562024H",
    })
    void parsesAWholeAmountAndOneUnit(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @Test
    void refusesABareNumberAndSuggestsSeconds() {
        assertThatThrownBy(() -> Durations.parse("30")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing unit in '30'; did you mean '30s'? " + UNITS);
        assertThatThrownBy(() -> Durations.parse("0")).hasMessage("missing unit in '0'; did you mean '0s'? " + UNITS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "30sec     | unknown unit 'sec' in '30sec'; did you mean '30s'? " + UNITS,
            "5 minutes | unknown unit 'minutes' in '5 minutes'; did you mean '5m'? " + UNITS,
            "10S       | unknown unit 'S' in '10S'; did you mean '10s'? " + UNITS,
            "1h30m     | unknown unit 'h30m' in '1h30m'; did you mean '90m'? " + UNITS,
            "1m30s     | unknown unit 'm30s' in '1m30s'; did you mean '90s'? " + UNITS,
            "2w        | unknown unit 'w' in '2w'; " + UNITS,
            "100us     | unknown unit 'us' in '100us'; " + UNITS,
    })
    void refusesUnknownUnitsWithAHint(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessage(message);
    }

    @Test
    void refusesNegativeDurations() {
        assertThatThrownBy(() -> Durations.parse("-5s")).hasMessage("negative duration '-5s'; " + UNITS);
    }

    @Test
    void refusesFractionsAndSuggestsTheExactWholeDuration() {
        assertThatThrownBy(() -> Durations.parse("1.5s")).hasMessage("fractional duration '1.5s'; write a whole"
                + " number of a smaller unit; did you mean '1500ms'? " + UNITS);
        assertThatThrownBy(() -> Durations.parse("0.0001s")).hasMessage("fractional duration '0.0001s'; write a"
                + " whole number of a smaller unit; " + UNITS);
    }

    @Test
    void refusesDurationsLongerThanALongOfNanoseconds() {
        assertThatThrownBy(() -> Durations.parse("106752d"))
                .hasMessage("duration '106752d' is too large, the largest is 106751d; " + UNITS);
        assertThatThrownBy(() -> Durations.parse("99999999999999999999ms")).hasMessageContaining("is too large");
    }

    @Test
    void refusesTextThatIsNoDuration() {
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessage("'soon' is not a duration such as 30s; " + UNITS);
        assertThatThrownBy(() -> Durations.parse("")).hasMessage("'' is not a duration such as 30s; " + UNITS);
        assertThatThrownBy(() -> Durations.parse("PT30S"))
                .hasMessage("'PT30S' is not a duration such as 30s; " + UNITS);
        assertThatThrownBy(() -> Durations.parse(null)).hasMessage("a duration is required, such as 30s; " + UNITS);
    }

    @ParameterizedTest
    @CsvSource({
            "PT0S, 0s",
            "PT0.5S, 500ms",
            "PT30S, 30s",
            "PT1M, 1m",
            "PT1M30S, 90s",
            "PT5M, 5m",
            "PT2H, 2h",
            "PT168H, 7d",
            "PT1.0005S, 1000500us",
            "PT0.000000001S, 1ns",
            "PT-30S, -30s",
    })
    void formatsInTheLargestUnitThatIsExact(Duration d, String text) {
        assertThat(Durations.format(d)).isEqualTo(text);
    }

    @Test
    void everyParsedDurationFormatsBackToItself() {
        for (String text : new String[] {"500ms", "1500ms", "30s", "90s", "5m", "90m", "2h", "25h", "7d"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
    }
}

package org.watchpost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {
    private static final String UNITS = "valid units: B, KiB, MiB, GiB, TiB";

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "65536, 65536",
            "100B, 100",
            "64KiB, 65536",
            "8MiB, 8388608",
            "1GiB, 1073741824",
            "2TiB, 2199023255552",
            "'8 MiB', 8388608",
            "' 1KiB ', 1024",
            "9223372036854775807, 9223372036854775807",
            "8388607TiB, 9223370937343148032",
    })
    void parsesPlainBytesAndIecUnits(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "8MB    | unknown unit 'MB' in '8MB'; did you mean '8MiB'? " + UNITS,
            "64kb   | unknown unit 'kb' in '64kb'; did you mean '64KiB'? " + UNITS,
            "1G     | unknown unit 'G' in '1G'; did you mean '1GiB'? " + UNITS,
            "2mib   | unknown unit 'mib' in '2mib'; did you mean '2MiB'? " + UNITS,
            "5bytes | unknown unit 'bytes' in '5bytes'; did you mean '5B'? " + UNITS,
            "3PiB   | unknown unit 'PiB' in '3PiB'; " + UNITS,
    })
    void refusesOtherUnitsAndSuggestsTheIecOne(String text, String message) {
        assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void refusesNegativeSizes() {
        assertThatThrownBy(() -> Sizes.parse("-5MiB")).hasMessage("negative size '-5MiB'; " + UNITS);
        assertThatThrownBy(() -> Sizes.parse("-1")).hasMessage("negative size '-1'; " + UNITS);
    }

    @Test
    void refusesFractionsAndSuggestsTheExactWholeSize() {
        assertThatThrownBy(() -> Sizes.parse("1.5GiB")).hasMessage("fractional size '1.5GiB'; write a whole number"
                + " of a smaller unit; did you mean '1536MiB'? " + UNITS);
        assertThatThrownBy(() -> Sizes.parse("0.3KiB")).hasMessage("fractional size '0.3KiB'; write a whole number"
                + " of a smaller unit; " + UNITS);
    }

    @Test
    void refusesSizesThatOverflowALong() {
        String tooLarge = "size '8388608TiB' is too large, the largest is 8388607TiB; " + UNITS;
        assertThatThrownBy(() -> Sizes.parse("8388608TiB")).hasMessage(tooLarge);
        assertThatThrownBy(() -> Sizes.parse("9223372036854775808"))
                .hasMessage("size '9223372036854775808' is too large, the largest is 8388607TiB; " + UNITS);
        assertThatThrownBy(() -> Sizes.parse("99999999999999999999999GiB")).hasMessageContaining("is too large");
    }

    @Test
    void refusesTextThatIsNoSize() {
        assertThatThrownBy(() -> Sizes.parse("lots")).hasMessage("'lots' is not a size such as 8MiB; " + UNITS);
        assertThatThrownBy(() -> Sizes.parse("")).hasMessage("'' is not a size such as 8MiB; " + UNITS);
        assertThatThrownBy(() -> Sizes.parse("MiB")).hasMessage("'MiB' is not a size such as 8MiB; " + UNITS);
        assertThatThrownBy(() -> Sizes.parse(null)).hasMessage("a size is required, such as 8MiB; " + UNITS);
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0B",
            "1000, 1000B",
            "1024, 1KiB",
            "1536, 1536B",
            "268435456, 256MiB",
            "1610612736, 1536MiB",
            "1073741824, 1GiB",
            "1099511627776, 1TiB",
    })
    void formatsInTheLargestUnitThatIsExact(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @Test
    void formatRefusesNegativeSizes() {
        assertThatThrownBy(() -> Sizes.format(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

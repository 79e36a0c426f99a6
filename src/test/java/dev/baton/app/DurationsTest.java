package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "90s, 90",
            "15m, 900",
            "2h, 7200",
            "1h30m, 5400",
            "7d, 604800",
            "1d2h3m4s, 93784",
            "' 15M ', 900",
            "0h5m, 300"})
    void parse(String text, long seconds) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "abc", "10x", "15", "m", "1h 30m", "1h30", "1.5h", "h1", "5m-"})
    void parseRejects(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration; write it like 90s, 15m, 2h or 1h30m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0m", "0s0h", "-5m", "000s", "-0s"})
    void parseRejectsZeroOrNegative(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "': a duration must be positive");
    }

    /** At most 365 days; past it (or past what a long holds) it is a usage error, never an arithmetic overflow. */
    @ParameterizedTest
    @ValueSource(strings = {"366d", "365d1s", "8761h", "999999999999999d", "999999999999d", "9223372036854775807s",
            "99999999999999999999999s", "200d200d"})
    void parseRejectsMoreThanAYear(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is longer than the limit of 365 days");
    }

    @ParameterizedTest
    @ValueSource(strings = {"365d", "8760h", "525600m", "31536000s", "0000000000000365d"})
    void aYearIsTheLongest(String text) {
        assertThat(Durations.parse(text)).isEqualTo(Durations.MAX);
    }

    @ParameterizedTest
    @CsvSource({"45, 45s", "0, 0s", "59, 59s", "60, 1m", "900, 15m", "3600, 1h", "5400, 1h30m", "7200, 2h",
            "604800, 168h", "-5, 0s"})
    void format(long seconds, String expected) {
        assertThat(Durations.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"45s", "1m", "15m", "2h", "1h30m", "36h", "7d", "1h0m"})
    void formatRoundTrips(String text) {
        Duration d = Durations.parse(text);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}

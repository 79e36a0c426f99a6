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
    @ValueSource(strings = {"  ", "abc", "10x", "0m", "0s0h", "15", "m", "1h 30m", "1h30", "-5m", "1.5h", "h1"})
    void parseRejects(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration; write it like 90s, 15m, 2h or 1h30m");
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

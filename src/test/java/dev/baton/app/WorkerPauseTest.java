package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How long `baton work` waits between looks at an empty queue: doubling from 1 s up to --poll-max. */
class WorkerPauseTest {

    @TempDir
    Path tmp;

    private static List<Long> pauses(Duration first, Duration max, int n) {
        List<Long> out = new ArrayList<>();
        Duration d = first;
        for (int i = 0; i < n; i++) {
            out.add(d.toMillis());
            d = Worker.nextPause(d, max);
        }
        return out;
    }

    @Test
    void doublesUpToTheDefaultOf30Seconds() {
        assertThat(pauses(Duration.ofSeconds(1), Worker.DEFAULT_POLL_MAX, 8))
                .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    }

    @Test
    void aShorterLongestPauseCapsItSooner() {
        assertThat(pauses(Duration.ofSeconds(1), Duration.ofSeconds(5), 5))
                .containsExactly(1_000L, 2_000L, 4_000L, 5_000L, 5_000L);
        assertThat(pauses(Duration.ofMillis(200), Duration.ofMillis(200), 3)).containsExactly(200L, 200L, 200L);
    }

    @Test
    void aLongestPauseOfZeroIsRefused() {
        assertThatThrownBy(() -> new Worker(null, System.out, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        TempRepo repo = TempRepo.create(tmp);
        Cli.in(repo.dir(), "init");
        Run r = Cli.as(repo.dir(), "w1", "work", "--poll-max", "0s", "--", "true");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--poll-max: '0s': a duration must be positive");
        Run bad = Cli.as(repo.dir(), "w1", "work", "--poll-max", "soon", "--", "true");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--poll-max");
    }
}

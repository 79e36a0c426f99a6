package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one retry loop of every compare-and-swap: tries again after a lost race, and gives up naming the ref. */
class CasRetryTest {

    private static final String REF = "refs/baton/leases/T-1";

    @TempDir
    Path commonDir;

    private CasRetry retry(int maxAttempts) {
        return new CasRetry(new Backoff(maxAttempts, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMinutes(5)),
                LockRecovery.of(commonDir.toFile()));
    }

    @Test
    void triesAgainAfterEachLostRaceAndReturnsTheValueOfTheAttemptThatLanded() {
        List<Integer> numbers = new ArrayList<>();
        String value = retry(10).run(REF, "writing", attempt -> {
            numbers.add(attempt.number());
            return attempt.number() < 3 ? CasRetry.lostRace() : CasRetry.done("landed at " + attempt.number());
        });
        assertThat(value).isEqualTo("landed at 3");
        assertThat(numbers).containsExactly(1, 2, 3);
    }

    @Test
    void givesUpAfterTheLastAttemptTheBackoffAllowsNamingTheRef() {
        List<Integer> numbers = new ArrayList<>();
        assertThatThrownBy(() -> retry(4).run(REF, "renewing the lease on", attempt -> {
            numbers.add(attempt.number());
            return CasRetry.lostRace();
        })).isInstanceOf(BatonException.class)
                .satisfies(e -> assertThat(((BatonException) e).exitCode()).isEqualTo(ExitCode.ENVIRONMENT))
                .hasMessageStartingWith("gave up renewing the lease on " + REF + " after 4 attempts");
        assertThat(numbers).containsExactly(1, 2, 3, 4);
    }

    @Test
    void givingUpNamesTheLockFileThatHoldsTheRef() throws IOException {
        File lock = LockRecovery.of(commonDir.toFile()).lockFile(REF);
        Files.createDirectories(lock.getParentFile().toPath());
        Files.createFile(lock.toPath());
        assertThatThrownBy(() -> retry(2).run(REF, "writing", attempt -> CasRetry.lostRace()))
                .isInstanceOf(BatonException.class)
                .hasMessageStartingWith(REF + " is locked: " + lock)
                .hasMessageEndingWith("see `baton doctor`");
    }

    @Test
    void whatAnAttemptThrowsEndsTheRetryAtOnce() {
        List<Integer> numbers = new ArrayList<>();
        assertThatThrownBy(() -> retry(10).run(REF, "writing", attempt -> {
            numbers.add(attempt.number());
            if (attempt.number() == 2) {
                throw new IOException("disk full");
            }
            return CasRetry.lostRace();
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(numbers).containsExactly(1, 2);
    }
}

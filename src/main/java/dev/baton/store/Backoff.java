package dev.baton.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait between attempts of a read-decide-write action that lost a race: capped exponential backoff with
 * full jitter, bounded both in attempts and in total time.
 */
public record Backoff(int maxAttempts, Duration initial, Duration cap, Duration budget) {

    /** Enough for eight processes hammering one ref on two cores; gives up after about 30 seconds. */
    public static final Backoff DEFAULT = new Backoff(400, Duration.ofMillis(2), Duration.ofMillis(150),
            Duration.ofSeconds(30));

    /** A random wait before attempt {@code attempt} (1-based; the first retry is attempt 2). */
    public long delayMillis(int attempt) {
        long ceiling = Math.min(cap.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
        return ThreadLocalRandom.current().nextLong(Math.max(1, ceiling) + 1);
    }

    public boolean allows(int attempt, long elapsedMillis) {
        return attempt <= maxAttempts && elapsedMillis <= budget.toMillis();
    }
}

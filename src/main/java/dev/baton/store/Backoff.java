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

    /**
     * {@link #DEFAULT}, with its time budget replaced by {@code $BATON_WRITE_TIMEOUT} when that is set ("5s", "500ms",
     * or whole seconds): how long a write keeps trying before it gives up on a locked or contended board.
     */
    public static Backoff configured() {
        String text = System.getenv("BATON_WRITE_TIMEOUT");
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String t = text.strip();
        Duration budget;
        try {
            budget = t.endsWith("ms") ? Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)))
                    : t.endsWith("s") ? Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)))
                    : Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw dev.baton.BatonException.usage("BATON_WRITE_TIMEOUT: '" + text + "' is not a duration like 5s or 500ms");
        }
        if (budget.isNegative()) {
            throw dev.baton.BatonException.usage("BATON_WRITE_TIMEOUT must not be negative");
        }
        return new Backoff(DEFAULT.maxAttempts(), DEFAULT.initial(), DEFAULT.cap(), budget);
    }

    /** A random wait before attempt {@code attempt} (1-based; the first retry is attempt 2). */
    public long delayMillis(int attempt) {
        long ceiling = Math.min(cap.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
        return ThreadLocalRandom.current().nextLong(Math.max(1, ceiling) + 1);
    }

    public boolean allows(int attempt, long elapsedMillis) {
        return attempt <= maxAttempts && elapsedMillis <= budget.toMillis();
    }
}

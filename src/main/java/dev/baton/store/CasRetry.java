package dev.baton.store;

import dev.baton.BatonException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a read-decide-write action until it lands. Each attempt reads a ref, decides on what it read and moves the ref
 * with a compare-and-swap; an attempt that lost the race (another writer moved the ref first, or holds its lock) is
 * tried again after a random wait from the {@link Backoff} (capped exponential, full jitter), for as long as the
 * backoff allows attempts and time. Then it gives up with an error naming the ref, and the lock file in the way when
 * there is one.
 *
 * <pre>{@code
 * Lease renewed = retry.run(LeaseStore.ref(id), "renewing the lease on", attempt -> {
 *     Optional<LeaseStore.Stored> current = leases.read(id);
 *     Lease next = ...; // decide on what was read
 *     return leases.write(next, current.map(LeaseStore.Stored::blob).orElse(null))
 *             ? CasRetry.done(next) : CasRetry.lostRace();
 * });
 * }</pre>
 */
public final class CasRetry {

    /** What one attempt did: landed (with the value {@link #run} returns), or lost the race. */
    public static final class Result<T> {
        private static final Result<?> LOST = new Result<>(false, null);

        private final boolean landed;
        private final T value;

        private Result(boolean landed, T value) {
            this.landed = landed;
            this.value = value;
        }
    }

    /** The attempt landed, or needs no write: {@link #run} returns {@code value} (which may be null). */
    public static <T> Result<T> done(T value) {
        return new Result<>(true, value);
    }

    /** Another writer moved the ref first or holds its lock: read again and decide again. */
    @SuppressWarnings("unchecked")
    public static <T> Result<T> lostRace() {
        return (Result<T>) Result.LOST;
    }

    /** One read-decide-write; may throw {@code E} (nothing checked, or an {@link java.io.IOException}), which ends it. */
    @FunctionalInterface
    public interface Action<T, E extends Exception> {
        Result<T> attempt(Attempt attempt) throws E;
    }

    /** The attempt under way. */
    public static final class Attempt {
        private final int number;
        private long offTheClockNanos;

        private Attempt(int number) {
            this.number = number;
        }

        /** 1 for the first attempt, 2 for the first retry, ... */
        public int number() {
            return number;
        }

        /**
         * Runs {@code work} without counting its time against the time limit: for work that may take long for reasons
         * other than contention (a checkpoint's first copy of the history).
         */
        public <R> R offTheClock(Supplier<R> work) {
            long started = System.nanoTime();
            try {
                return work.get();
            } finally {
                offTheClockNanos += System.nanoTime() - started;
            }
        }
    }

    private final Backoff backoff;
    private final LockRecovery recovery;

    /**
     * @param backoff  the waits between attempts and the bounds on them ({@link Backoff#configured()} in commands)
     * @param recovery the locks of the repository whose refs the actions move, to say which one is in the way
     */
    public CasRetry(Backoff backoff, LockRecovery recovery) {
        this.backoff = Objects.requireNonNull(backoff);
        this.recovery = Objects.requireNonNull(recovery);
    }

    /**
     * Runs {@code action} until an attempt lands, and returns its value.
     *
     * @param ref   the ref the action moves, for the error when it gives up
     * @param doing what the action does to the ref, for that error: "writing", "appending to", "moving"
     * @throws BatonException an environment error when the ref stayed locked or contended beyond the backoff's bounds
     * @throws E              what the action throws, at once
     */
    public <T, E extends Exception> T run(String ref, String doing, Action<T, E> action) throws E {
        long started = System.nanoTime();
        long offTheClock = 0;
        for (int number = 1; ; number++) {
            Attempt attempt = new Attempt(number);
            Result<T> result;
            try {
                result = action.attempt(attempt);
            } finally {
                offTheClock += attempt.offTheClockNanos;
            }
            if (result.landed) {
                return result.value;
            }
            long elapsedMillis = (System.nanoTime() - started - offTheClock) / 1_000_000;
            if (!backoff.allows(number + 1, elapsedMillis)) {
                throw gaveUp(ref, doing, number, elapsedMillis);
            }
            sleep(backoff.delayMillis(number + 1), ref, doing);
        }
    }

    private BatonException gaveUp(String ref, String doing, int attempts, long elapsedMillis) {
        return recovery.inspect(ref)
                .map(lock -> BatonException.environment(ref + " is locked: " + lock.describe() + "; see `baton doctor`"))
                .orElseGet(() -> BatonException.environment("gave up " + doing + " " + ref + " after " + attempts
                        + " attempts in " + elapsedMillis + " ms of contention; try again"));
    }

    private static void sleep(long millis, String ref, String doing) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BatonException.interrupted("interrupted while " + doing + " " + ref);
        }
    }
}

package dev.baton.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests: for a condition, with a deadline, rather than for a fixed time. */
public final class Poll {

    private Poll() {
    }

    /** Polls {@code condition} every 20 ms until it holds; fails with {@code what} once {@code limit} has passed. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + limit + " waiting for " + what);
            }
            sleep(20);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

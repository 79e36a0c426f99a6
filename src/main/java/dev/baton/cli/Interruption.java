package dev.baton.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a supervised command runs: the JVM's shutdown hook raises a flag the runner watches,
 * then waits (bounded) until the runner has stopped the command and handed the task back. The JVM then exits with the
 * signal's status (130 for Ctrl-C).
 */
final class Interruption implements AutoCloseable {

    private final AtomicBoolean flag = new AtomicBoolean();
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;

    Interruption(Duration grace) {
        hook = new Thread(() -> {
            flag.set(true);
            try {
                cleanedUp.await(grace.toMillis() + 15_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                // the JVM is going down either way
            }
        }, "baton-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    AtomicBoolean flag() {
        return flag;
    }

    /** The runner has finished cleaning up: the hook may let the JVM go. */
    @Override
    public void close() {
        cleanedUp.countDown();
        if (!flag.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
        }
    }
}

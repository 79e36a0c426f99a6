package dev.baton.app;

import dev.baton.BatonException;
import java.time.Duration;
import java.util.function.IntUnaryOperator;

/**
 * The loop behind {@code --follow} and {@code watch}: poll, and when nothing is new wait a little longer each time
 * (25 ms doubling up to 400 ms), so a change is seen well within a second while an idle follower reads a ref only a
 * few times a second. Reading a ref is one small file; nothing busy-polls the disk.
 *
 * <p>In remote mode the step itself fetches what it reads first, so the same waits apply between fetches.
 */
public final class Follow {

    public static final Duration FIRST_WAIT = Duration.ofMillis(25);
    public static final Duration LONGEST_WAIT = Duration.ofMillis(400);

    private Follow() {
    }

    /**
     * Runs {@code step} until it has delivered {@code count} items (0: no limit) or {@code timeout} has passed (null:
     * never). The step gets how many items it may still deliver (0: any number) and returns how many it delivered.
     * Returns the total delivered.
     */
    public static int loop(IntUnaryOperator step, int count, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        long wait = FIRST_WAIT.toMillis();
        int delivered = 0;
        while (true) {
            int got = step.applyAsInt(count > 0 ? count - delivered : 0);
            delivered += got;
            if (count > 0 && delivered >= count) {
                return delivered;
            }
            wait = got > 0 ? FIRST_WAIT.toMillis() : Math.min(LONGEST_WAIT.toMillis(), wait * 2);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return delivered;
            }
            try {
                Thread.sleep(Math.min(wait, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw BatonException.interrupted("interrupted while following");
            }
        }
    }
}

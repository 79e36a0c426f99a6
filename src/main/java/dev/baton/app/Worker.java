package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code baton work}: the worker loop. Claims the next ready task, runs the agent's command on it with {@link Runner},
 * and repeats; when nothing is ready it sleeps with backoff (1 s doubling to 30 s, or to the longest pause it is
 * given) and gives up after the idle limit.
 * A task the agent already holds comes first: one that review sent back (WORKING again after a reject) or that was
 * assigned to it. Several workers side by side form a pool: claims are compare-and-swap, so each task is run once per
 * attempt.
 */
public final class Worker {

    /** The longest pause between looks at an empty queue, unless the worker is given another. */
    public static final Duration DEFAULT_POLL_MAX = Duration.ofSeconds(30);

    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    /** What the loop did. */
    public record Summary(int ran, int done, int failed, boolean interrupted) {
    }

    private final Session session;
    private final PrintStream out;
    private final Duration pollMax;

    public Worker(Session session, PrintStream out) {
        this(session, out, DEFAULT_POLL_MAX);
    }

    /** @param pollMax the longest pause between looks at an empty queue (positive) */
    public Worker(Session session, PrintStream out, Duration pollMax) {
        if (pollMax.isNegative() || pollMax.isZero()) {
            throw new IllegalArgumentException("the longest pause must be positive: " + pollMax);
        }
        this.session = session;
        this.out = out;
        this.pollMax = pollMax;
    }

    /** The pause after {@code pause} when the queue is still empty: twice as long, at most {@code max}. */
    static Duration nextPause(Duration pause, Duration max) {
        Duration twice = pause.multipliedBy(2);
        return twice.compareTo(max) > 0 ? max : twice;
    }

    private Duration firstPause() {
        return FIRST_PAUSE.compareTo(pollMax) > 0 ? pollMax : FIRST_PAUSE;
    }

    public Summary work(RunOptions options, String label, int maxTasks, Duration idleExit, AtomicBoolean interrupted) {
        Runner runner = new Runner(session, out);
        int ran = 0;
        int done = 0;
        int failed = 0;
        Instant idleSince = session.now();
        Duration sleep = firstPause();
        Set<String> leftAlone = new HashSet<>();
        while (!interrupted.get() && (maxTasks <= 0 || ran < maxTasks)) {
            Task next;
            Optional<Task> held = held(label, leftAlone);
            try {
                next = held.isPresent() ? held.get() : session.transitions().claimNext(label, options.lease());
            } catch (BatonException.RejectedException e) {
                if (e.rejection().kind() != dev.baton.core.Rejection.Kind.NOTHING_READY) {
                    throw e;
                }
                if (Duration.between(idleSince, session.now()).compareTo(idleExit) >= 0) {
                    out.println("[" + session.actor() + "] nothing ready for " + Durations.format(idleExit)
                            + "; stopping");
                    break;
                }
                pause(sleep, interrupted);
                sleep = nextPause(sleep, pollMax);
                continue;
            }
            sleep = firstPause();
            RunResult r;
            if (held.isPresent()) {
                out.println("[" + session.actor() + "] back to " + next.id() + " " + next.title() + ", "
                        + next.state() + " with me" + (next.reason() == null ? "" : ": " + next.reason()));
                try {
                    r = runner.run(next.id(), options, interrupted);
                } catch (BatonException.RejectedException e) {
                    // taken back (reaped, cancelled) since we looked, or held at another epoch: leave it be
                    out.println("[" + session.actor() + "] " + e.getMessage());
                    leftAlone.add(next.id());
                    continue;
                }
            } else {
                out.println("[" + session.actor() + "] claimed " + next.id() + " " + next.title() + " (attempt "
                        + next.attempt() + ", epoch " + next.epoch() + ")");
                r = runner.run(next.id(), options, interrupted);
            }
            if (r.outcome() == RunResult.Outcome.UNCOMMITTED) {
                leftAlone.add(next.id());
            }
            ran++;
            if (r.outcome() == RunResult.Outcome.DONE) {
                done++;
            } else {
                failed++;
            }
            out.println("[" + session.actor() + "] " + r.message());
            idleSince = session.now();
        }
        return new Summary(ran, done, failed, interrupted.get());
    }

    /**
     * The first task, in queue order, that this agent holds ASSIGNED or WORKING (sent back by review, or assigned to
     * it), leaving out those this loop must not run again (left uncommitted with committing off, or refused).
     */
    private Optional<Task> held(String label, Set<String> leftAlone) {
        return session.board().list(new TaskFilter(null, session.actor(), label)).stream()
                .filter(t -> t.state() == TaskState.WORKING || t.state() == TaskState.ASSIGNED)
                .filter(t -> !leftAlone.contains(t.id()))
                .findFirst();
    }

    private static void pause(Duration d, AtomicBoolean interrupted) {
        long until = System.nanoTime() + d.toNanos();
        while (!interrupted.get() && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
            }
        }
    }
}

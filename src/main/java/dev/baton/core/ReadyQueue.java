package dev.baton.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What can be worked on next: QUEUED tasks whose blockers are all COMPLETED (a FAILED or CANCELLED blocker counts as
 * done only for a task whose policy is IGNORE), that are not marked blocked and are not epics, in queue order
 * (priority, then age). {@code baton ready} lists them; {@code claim --next} takes the first.
 */
public final class ReadyQueue {

    private ReadyQueue() {
    }

    public static List<Task> ready(BoardView board, String label) {
        return ready(board, label, null);
    }

    /** The ready queue at {@code now}: also leaves out retried tasks still in their backoff. */
    public static List<Task> ready(BoardView board, String label, Instant now) {
        return board.streamState(TaskState.QUEUED).filter(t -> isReady(board, t, label, now)).toList();
    }

    /** The first of the ready queue, reading the queue only as far as it: what {@code claim --next} takes. */
    public static Optional<Task> first(BoardView board, String label, Instant now) {
        return board.streamState(TaskState.QUEUED).filter(t -> isReady(board, t, label, now)).findFirst();
    }

    private static boolean isReady(BoardView board, Task t, String label, Instant now) {
        return (label == null || t.labels().contains(label)) && !t.isEpic() && waitingFor(board, t, now).isEmpty();
    }

    /** Why {@code t} cannot start yet ("blocked: T-a is FAILED", "waits for T-b (WORKING)"), or empty. */
    public static Optional<String> waitingFor(BoardView board, Task t) {
        return waitingFor(board, t, null);
    }

    /** {@link #waitingFor(BoardView, Task)}, also judging a retry's backoff at {@code now} (null: ignore it). */
    public static Optional<String> waitingFor(BoardView board, Task t, Instant now) {
        if (now != null && t.notBefore() != null && now.isBefore(t.notBefore())) {
            return Optional.of("backing off after attempt " + (t.attempt() - 1) + " until " + Rules.clock(t.notBefore()));
        }
        if (t.blocked() != null) {
            return Optional.of("blocked: " + t.blocked());
        }
        for (String id : t.blockers()) {
            Optional<Task> b = board.task(id);
            if (b.isEmpty()) {
                continue;
            }
            TaskState s = b.get().state();
            boolean satisfied = s == TaskState.COMPLETED
                    || (t.blockerPolicy() == BlockerPolicy.IGNORE && (s == TaskState.FAILED || s == TaskState.CANCELLED));
            if (!satisfied) {
                return Optional.of("waits for " + id + " (" + s + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * If {@code t} can never become ready without help (a blocker, or a blocker's blocker, ended FAILED or CANCELLED
     * and the policy is WAIT), the chain from {@code t} to that cause: [t, ..., cause]. Empty otherwise.
     */
    public static List<String> blockChain(BoardView board, Task t) {
        return chain(board, t, new LinkedHashSet<>());
    }

    private static List<String> chain(BoardView board, Task t, Set<String> seen) {
        if (!seen.add(t.id()) || t.blockerPolicy() == BlockerPolicy.IGNORE) {
            return List.of();
        }
        for (String id : t.blockers()) {
            Task b = board.task(id).orElse(null);
            if (b == null) {
                continue;
            }
            if (b.state() == TaskState.FAILED || b.state() == TaskState.CANCELLED) {
                return List.of(t.id(), b.id());
            }
            if (b.state().isOpen()) {
                List<String> rest = chain(board, b, seen);
                if (!rest.isEmpty()) {
                    List<String> out = new ArrayList<>();
                    out.add(t.id());
                    out.addAll(rest);
                    return out;
                }
            }
        }
        return List.of();
    }

    /** The cycle that making {@code task} wait for {@code blocker} would close: [task, blocker, ..., task], or empty. */
    public static List<String> cycleIfAdded(BoardView board, String task, String blocker) {
        List<String> path = new ArrayList<>();
        path.add(task);
        return reaches(board, blocker, task, path, new LinkedHashSet<>()) ? path : List.of();
    }

    private static boolean reaches(BoardView board, String from, String target, List<String> path, Set<String> seen) {
        path.add(from);
        if (from.equals(target)) {
            return true;
        }
        if (seen.add(from)) {
            for (String next : board.task(from).map(Task::blockers).orElse(List.of())) {
                if (reaches(board, next, target, path, seen)) {
                    return true;
                }
            }
        }
        path.remove(path.size() - 1);
        return false;
    }
}

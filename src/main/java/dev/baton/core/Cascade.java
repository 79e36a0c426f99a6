package dev.baton.core;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The consequences a transition carries in the same commit, whatever the command:
 * <ul>
 *   <li>a task that ends FAILED or CANCELLED affects the open tasks waiting for it, by each one's policy: WAIT marks
 *       it blocked with the cause, CANCEL cancels it (and so on down the chain), IGNORE leaves it be;</li>
 *   <li>a FAILED task queued again (retry) lifts the blocked mark it caused;</li>
 *   <li>a task that leaves WORKING gives up its path reservations;</li>
 *   <li>a child that reaches COMPLETED or CANCELLED may finish its epic: an epic still QUEUED (nobody took up work
 *       of its own) whose children are now all COMPLETED or CANCELLED, at least one COMPLETED, is COMPLETED too (and so
 *       on up).</li>
 * </ul>
 */
final class Cascade {

    private Cascade() {
    }

    static Transition extend(BoardView board, Transition t, Instant now) {
        Overlay next = new Overlay(board);
        t.changes().forEach(next::put);
        Deque<Task> work = new ArrayDeque<>(t.changes());
        while (!work.isEmpty()) {
            Task after = work.poll();
            Task before = board.task(after.id()).orElse(null);
            boolean ended = before != null && before.state() != after.state()
                    && (after.state() == TaskState.FAILED || after.state() == TaskState.CANCELLED);
            boolean revived = before != null && before.state() == TaskState.FAILED && after.state() == TaskState.QUEUED;
            if (ended) {
                for (String d : after.waiters()) {
                    next.task(d).filter(x -> x.state().isOpen() && x.state() != TaskState.FAILED)
                            .map(x -> blockerEnded(x, after, now))
                            .ifPresent(x -> {
                                next.put(x);
                                work.add(x);
                            });
                }
            }
            if (revived) {
                for (String d : after.waiters()) {
                    next.task(d).filter(x -> x.blocked() != null && x.blocked().startsWith(after.id() + " "))
                            .ifPresent(x -> next.put(x.edit().blocked(null).build()));
                }
            }
            boolean closed = (after.state() == TaskState.COMPLETED || after.state() == TaskState.CANCELLED)
                    && (before == null || before.state() != after.state());
            if (closed && after.parent() != null) {
                next.task(after.parent()).filter(epic -> epic.state() == TaskState.QUEUED)
                        .filter(epic -> epic.subtasks().stream().allMatch(c -> next.task(c)
                                .map(x -> x.state() == TaskState.COMPLETED || x.state() == TaskState.CANCELLED)
                                .orElse(true)))
                        .filter(epic -> epic.subtasks().stream().anyMatch(c -> next.task(c)
                                .map(x -> x.state() == TaskState.COMPLETED).orElse(false)))
                        .ifPresent(epic -> {
                            Task done = epic.edit().moveTo(TaskState.COMPLETED, now).blocked(null).build();
                            next.put(done);
                            work.add(done);
                        });
            }
        }
        for (Task changed : next.changes()) {
            Task before = board.task(changed.id()).orElse(null);
            if (before != null && before.state() == TaskState.WORKING && changed.state() != TaskState.WORKING
                    && changed.reservations() != null) {
                next.put(changed.edit().reservations(null).build()); // reservations end with the work
            }
        }
        return new Transition(t.event(), next.changes(), t.roles());
    }

    /** What becomes of {@code waiter} when its blocker {@code ended} is FAILED or CANCELLED; null to leave it. */
    static Task blockerEnded(Task waiter, Task ended, Instant now) {
        String cause = ended.id() + " is " + ended.state() + (ended.reason() == null ? "" : ": " + ended.reason());
        return switch (waiter.blockerPolicy()) {
            case WAIT -> waiter.edit().blocked(cause).build();
            case CANCEL -> waiter.edit().moveTo(TaskState.CANCELLED, now).leaseUntil(null)
                    .reason("blocker " + cause).build();
            case IGNORE -> null;
        };
    }
}

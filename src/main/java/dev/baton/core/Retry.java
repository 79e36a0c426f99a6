package dev.baton.core;

import java.time.Instant;
import java.util.Set;

/**
 * FAILED → QUEUED for another attempt: the owner is cleared, the attempt count grows by one. With a delay, the task is
 * not ready again before {@code now + delay} (backoff between attempts).
 */
public record Retry(String taskId, Long delaySeconds) implements Command {

    public Retry(String taskId) {
        this(taskId, null);
    }

    @Override
    public String name() {
        return "retry";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> Decisions.unless(
                Rules.requireState(t, "be retried", Set.of(TaskState.FAILED)),
                () -> Transition.of(this, actor, now, t, t.edit()
                        .moveTo(TaskState.QUEUED, now)
                        .assignee(null)
                        .leaseUntil(null)
                        .attempt(t.attempt() + 1)
                        .notBefore(delaySeconds == null || delaySeconds <= 0 ? null : now.plusSeconds(delaySeconds))
                        .build())));
    }
}

package dev.baton.core;

import java.time.Instant;
import java.util.Optional;

/** Any non-terminal state → CANCELLED. */
public record Cancel(String taskId, String reason) implements Command {

    @Override
    public String name() {
        return "cancel";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> Decisions.unless(Rules.first(
                () -> t.state().isTerminal()
                        ? Optional.of(Rejection.refused(t.id() + " is " + t.state()
                                + " already; only a task that is not finished can be cancelled"))
                        : Optional.empty(),
                () -> TextLimits.reason(reason, "a cancel reason")),
                () -> Transition.of(this, actor, now, t, t.edit()
                        .moveTo(TaskState.CANCELLED, now)
                        .leaseUntil(null)
                        .reason(reason == null || reason.isBlank() ? null : reason.strip())
                        .build())));
    }
}

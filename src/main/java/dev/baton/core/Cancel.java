package dev.baton.core;

import java.time.Instant;
import java.util.Optional;

/** Any non-terminal state → CANCELLED. */
public record Cancel(String taskId, String reason) implements Command {

    /** Anyone with the worker role may cancel a task it holds or created; others' tasks need an admin. */
    @Override
    public Permission permission(BoardView board, String actor) {
        boolean own = board.task(taskId).map(t -> t.isOwnedBy(actor) || actor.equals(t.createdBy())).orElse(false);
        return own ? Permission.of(Role.WORKER, "cancel") : Permission.of(Role.ADMIN, "cancel others' tasks");
    }

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

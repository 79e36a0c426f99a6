package dev.baton.core;

import java.time.Instant;
import java.util.Set;

/** IN_REVIEW → WORKING, by anyone but the assignee, with a reason the assignee sees; the assignee gets a new lease. */
public record Reject(String taskId, String reason, long leaseSeconds) implements Command {

    @Override
    public Permission permission(BoardView board, String actor) {
        return Permission.of(Role.REVIEWER, "reject");
    }

    @Override
    public String name() {
        return "reject";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> Decisions.unless(
                Rules.first(
                        () -> Rules.requireText(reason, "a rejection reason"),
                        () -> TextLimits.reason(reason, "a rejection reason"),
                        () -> Rules.requireState(t, "be rejected", Set.of(TaskState.IN_REVIEW)),
                        () -> Rules.requireNotOwner(t, actor, "reject")),
                () -> Transition.of(this, actor, now, t, t.edit()
                        .moveTo(TaskState.WORKING, now)
                        .reason(reason.strip())
                        .leaseUntil(Rules.leaseEnd(now, leaseSeconds))
                        .build())));
    }
}

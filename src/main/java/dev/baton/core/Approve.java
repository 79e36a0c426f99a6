package dev.baton.core;

import java.time.Instant;
import java.util.Set;

/** IN_REVIEW → APPROVED, by anyone but the assignee: no self-approval. */
public record Approve(String taskId) implements Command {

    @Override
    public Permission permission(BoardView board, String actor) {
        return Permission.of(Role.REVIEWER, "approve");
    }

    @Override
    public String name() {
        return "approve";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> Decisions.unless(
                Rules.first(
                        () -> Rules.requireState(t, "be approved", Set.of(TaskState.IN_REVIEW)),
                        () -> Rules.requireNotOwner(t, actor, "approve")),
                () -> Transition.of(this, actor, now, t, t.edit().moveTo(TaskState.APPROVED, now).build())));
    }
}

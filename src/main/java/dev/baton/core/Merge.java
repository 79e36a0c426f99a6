package dev.baton.core;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** APPROVED → COMPLETED, recording the commit the base branch points at after the merge. */
public record Merge(String taskId, String mergedCommit) implements Command {

    @Override
    public String name() {
        return "merge";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> Decisions.unless(
                Rules.first(
                        () -> mergedCommit == null || !mergedCommit.matches("[0-9a-f]{40}")
                                ? Optional.of(Rejection.invalid("merge needs the merged commit id (40 hex digits)"))
                                : Optional.empty(),
                        () -> Rules.requireState(t, "be merged", Set.of(TaskState.APPROVED))),
                () -> Transition.of(this, actor, now, t, t.edit()
                        .moveTo(TaskState.COMPLETED, now)
                        .mergedCommit(mergedCommit)
                        .build())));
    }
}

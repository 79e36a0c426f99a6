package dev.baton.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * APPROVED → COMPLETED, recording the commit the base branch points at after the merge.
 *
 * @param unverifiedCommits the commits that landed without baton's trailers for this task (no {@code Baton-Task}, one
 *                          naming another task, or a {@code Baton-Epoch} the task never held), as they are on the
 *                          base; null when there were none. Recorded for the audit trail; the state machine only checks
 *                          that they are commit ids.
 */
public record Merge(String taskId, String mergedCommit, List<String> unverifiedCommits) implements Command {

    public Merge {
        unverifiedCommits = unverifiedCommits == null || unverifiedCommits.isEmpty() ? null
                : List.copyOf(unverifiedCommits);
    }

    public Merge(String taskId, String mergedCommit) {
        this(taskId, mergedCommit, null);
    }

    @Override
    public Permission permission(BoardView board, String actor) {
        return Permission.of(Role.MERGER, "merge");
    }

    @Override
    public String name() {
        return "merge";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> Decisions.unless(
                Rules.first(
                        () -> !isCommitId(mergedCommit)
                                ? Optional.of(Rejection.invalid("merge needs the merged commit id (40 hex digits)"))
                                : Optional.empty(),
                        () -> unverifiedCommits != null && !unverifiedCommits.stream().allMatch(Merge::isCommitId)
                                ? Optional.of(Rejection.invalid("unverifiedCommits must be commit ids (40 hex digits)"))
                                : Optional.empty(),
                        () -> Rules.requireState(t, "be merged", Set.of(TaskState.APPROVED))),
                () -> Transition.of(this, actor, now, t, t.edit()
                        .moveTo(TaskState.COMPLETED, now)
                        .mergedCommit(mergedCommit)
                        .build())));
    }

    /**
     * Why {@code actor} may not merge {@code taskId} now, judged before any commit exists to record (the roles and the
     * task's state), or empty when a merge may go ahead.
     */
    public static Optional<Rejection> refusalBeforeLanding(BoardView board, String taskId, String actor) {
        Merge probe = new Merge(taskId, null);
        Optional<Rejection> denied = Permissions.check(board, probe, actor);
        if (denied.isPresent()) {
            return denied;
        }
        Optional<Task> t = board.task(taskId);
        return t.isEmpty() ? Optional.of(Rejection.notFound(taskId))
                : Rules.requireState(t.get(), "be merged", Set.of(TaskState.APPROVED));
    }

    private static boolean isCommitId(String s) {
        return s != null && s.matches("[0-9a-f]{40}");
    }
}

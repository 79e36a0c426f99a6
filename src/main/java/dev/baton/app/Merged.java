package dev.baton.app;

import dev.baton.core.Task;
import dev.baton.worktree.UnverifiedCommit;
import dev.baton.worktree.Worktrees;
import java.util.List;

/**
 * A merged task: the task COMPLETED with what became of its worktree, and the commits that landed without baton's
 * trailers for it (recorded with the merge; empty when every commit was stamped by baton's hooks).
 */
public record Merged(Finished finished, List<UnverifiedCommit> unverified) {

    public Merged {
        unverified = List.copyOf(unverified);
    }

    public Task task() {
        return finished.task();
    }

    public Worktrees.Removal worktree() {
        return finished.worktree();
    }
}

package dev.baton.cli;

import dev.baton.app.Finished;
import dev.baton.worktree.Worktrees;

/** What became of a finished task's worktree, in words. */
final class FinishedText {

    private FinishedText() {
    }

    static String worktree(Finished f) {
        return switch (f.worktree()) {
            case REMOVED -> "worktree and branch " + Worktrees.branchOf(f.task().id()) + " removed";
            case NONE -> "no worktree here";
            case KEPT_DIRTY -> "worktree kept: it has uncommitted changes (use --force to discard them)";
            case KEPT_UNMERGED -> "worktree kept: branch " + Worktrees.branchOf(f.task().id())
                    + " has commits that are not merged (use --force to discard them)";
        };
    }
}

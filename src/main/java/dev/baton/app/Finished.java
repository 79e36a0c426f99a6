package dev.baton.app;

import dev.baton.core.Task;
import dev.baton.worktree.Worktrees;

/** A task that reached COMPLETED or CANCELLED, and what happened to its worktree and branch. */
public record Finished(Task task, Worktrees.Removal worktree) {
}

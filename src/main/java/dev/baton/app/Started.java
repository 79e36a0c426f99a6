package dev.baton.app;

import dev.baton.core.Task;
import dev.baton.worktree.Workspace;

/** A started (or resumed) task and its worktree. */
public record Started(Task task, Workspace workspace, boolean resumed) {
}

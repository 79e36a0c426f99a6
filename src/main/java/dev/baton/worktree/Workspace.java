package dev.baton.worktree;

/**
 * A task's linked worktree as this clone knows it: where it is, its branch, and the epoch its owner was granted here
 * (the fencing token a command run on the owner's behalf carries).
 */
public record Workspace(String id, String path, String branch, long epoch, String agent) {
}

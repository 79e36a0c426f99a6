package dev.baton.worktree;

import java.util.List;

/**
 * One commit of a task's branch, with the values of the {@code Baton-Task} and {@code Baton-Epoch} trailers git finds
 * in its message (the commit-msg hook writes one of each; a commit made with {@code --no-verify} has none).
 *
 * @param commit  its 40-hex id
 * @param subject the first line of its message
 * @param tasks   the values of its {@code Baton-Task} trailers
 * @param epochs  the values of its {@code Baton-Epoch} trailers, as written
 */
public record TaskCommit(String commit, String subject, List<String> tasks, List<String> epochs) {

    public TaskCommit {
        tasks = List.copyOf(tasks);
        epochs = List.copyOf(epochs);
    }

    /** The first ten hex digits of the id. */
    public String shortId() {
        return commit.substring(0, Math.min(10, commit.length()));
    }
}

package dev.baton.worktree;

import java.util.List;

/**
 * A commit that landed with a task but that baton's hooks did not stamp for it.
 *
 * @param commit  its 40-hex id, as it is on the base
 * @param subject the first line of its message
 * @param problem what is missing or wrong: "no Baton-Task trailer (...)", "Baton-Task names T-x, not T-y", ...
 */
public record UnverifiedCommit(String commit, String subject, String problem) {

    /** The first ten hex digits of the id. */
    public String shortId() {
        return commit.substring(0, Math.min(10, commit.length()));
    }

    /** The ids of {@code commits}, in order. */
    public static List<String> ids(List<UnverifiedCommit> commits) {
        return commits.stream().map(UnverifiedCommit::commit).toList();
    }
}

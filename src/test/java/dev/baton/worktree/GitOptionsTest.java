package dev.baton.worktree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.BatonException;
import dev.baton.core.Task;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base that git would read as an option (on a board written before the rule on branch names) never reaches
 * {@code git worktree add}: no worktree, locked or not, and no branch.
 */
class GitOptionsTest {

    @TempDir
    Path tmp;

    @Test
    void aBaseThatLooksLikeAnOptionIsARevisionToGit() {
        TempRepo repo = TempRepo.create(tmp);
        String refs = repo.git("for-each-ref", "--format=%(refname) %(objectname)");
        Task task = Task.builder("T-4k2p7q9m", "t").base("--lock").createdBy("lead").createdAt(Instant.EPOCH).build();
        try (Repository r = repo.openRepository()) {
            Worktrees worktrees = new Worktrees(r);
            BatonException e = catchThrowableOfType(BatonException.class, () -> worktrees.ensure(task, "--lock"));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).isEqualTo("cannot start T-4k2p7q9m from its base: '--lock' is not a valid "
                    + "branch name: it starts with '-'");
        }
        String list = repo.git("worktree", "list", "--porcelain");
        assertThat(list).doesNotContain("locked");
        assertThat(list.lines().filter(l -> l.startsWith("worktree "))).hasSize(1);
        assertThat(repo.git("for-each-ref", "--format=%(refname) %(objectname)")).isEqualTo(refs);
    }
}

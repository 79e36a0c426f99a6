package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge killed in the middle of its rebase leaves its scratch worktree ({@code <worktree root>/.merge-<uuid>},
 * detached, the rebase stopped in it): doctor reports it, and doctor --fix removes it and git's record of it.
 */
class MergeLeftoverTest {

    @TempDir
    Path tmp;

    @Test
    void doctorReportsAndFixRemovesAKilledMergesScratchWorktree() throws Exception {
        CliRepo repo = CliRepo.initialized(tmp);
        Path main = repo.dir();
        // a task branch and a base that both changed the same file: the rebase stops on the conflict, as a merge's
        // rebase is when the process is killed before it aborts and removes the worktree
        repo.git("branch", "task/T-aaaaaaaa");
        TempRepo.commitFileIn(main, "file.txt", "main's\n", "main changes file.txt");
        repo.git("checkout", "--quiet", "task/T-aaaaaaaa");
        TempRepo.commitFileIn(main, "file.txt", "the task's\n", "the task changes file.txt");
        repo.git("checkout", "--quiet", "main");
        Path scratch = tmp.resolve("repo.baton/.merge-0b6a1c52-8d4e-4f3a-9a57-3f1e2d7c6b90");
        Files.createDirectories(scratch.getParent());
        repo.git("worktree", "add", "--detach", scratch.toString(), "refs/heads/task/T-aaaaaaaa");
        TempRepo.GitResult rebase = TempRepo.tryGitIn(scratch, "rebase", "main");
        assertThat(rebase.ok()).as("the planted rebase stops on its conflict").isFalse();
        String refs = repo.git("for-each-ref", "--format=%(refname) %(objectname)");

        Run report = repo.baton("doctor");
        assertThat(report.exit()).isEqualTo(1);
        assertThat(report.out()).contains("merge: " + scratch, "scratch worktree of a merge that was killed",
                "doctor --fix");
        assertThat(scratch).isDirectory();

        Run fixed = repo.baton("doctor", "--fix");
        assertThat(fixed.exit()).as("%s", fixed).isZero();
        assertThat(fixed.out()).contains("fixed: removed the scratch worktree of a killed merge, " + scratch);
        assertThat(scratch).doesNotExist();
        assertThat(repo.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")))
                .containsExactly("worktree " + main.toRealPath());
        assertThat(repo.git("for-each-ref", "--format=%(refname) %(objectname)")).isEqualTo(refs);

        Run again = repo.baton("doctor");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("nothing wrong");
    }

    @Test
    void aScratchFolderGitNoLongerKnowsIsALeftoverToo() throws Exception {
        CliRepo repo = CliRepo.initialized(tmp);
        Path scratch = Files.createDirectories(tmp.resolve("repo.baton/.merge-5c1d2e3f-0000-4000-8000-000000000000"));
        Files.writeString(scratch.resolve("half-written.txt"), "killed before git registered it\n");

        assertThat(repo.baton("doctor").out()).contains("merge: " + scratch);
        assertThat(repo.baton("doctor", "--fix").exit()).isZero();
        assertThat(scratch).doesNotExist();
        assertThat(tmp.resolve("repo.baton")).isDirectory();
    }
}

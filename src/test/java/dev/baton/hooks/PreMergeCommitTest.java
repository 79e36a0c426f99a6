package dev.baton.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.core.Handoff;
import dev.baton.core.TaskState;
import dev.baton.testing.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-merge-commit hook: `git merge` makes its merge commit without running pre-commit, so baton.protectBase
 * guards the base against merge commits here; `baton merge` only fast-forwards the base and is not affected.
 */
class PreMergeCommitTest {

    @TempDir
    Path tmp;

    HookRepo repo;

    @BeforeEach
    void setUp() {
        repo = HookRepo.create(tmp);
        // a branch beside main with a commit of its own, and a commit on main, so that merging it makes a merge commit
        repo.git(repo.dir, "checkout", "-q", "-b", "side").succeeds();
        repo.commit("lead", repo.dir, "side.txt", "work on the side").succeeds();
        repo.git(repo.dir, "checkout", "-q", "main").succeeds();
        repo.commit("lead", repo.dir, "main.txt", "work on main").succeeds();
    }

    private Run mergeSide() {
        return repo.git(repo.dir, "merge", "--no-ff", "-m", "merge side into main", "side");
    }

    @Test
    void aMergeCommitOnTheBaseIsAllowedWhileProtectBaseIsUnset() {
        repo.installHooks();

        mergeSide().succeeds();

        assertThat(repo.git(repo.dir, "log", "-1", "--format=%s", "main").succeeds().out()).isEqualTo("merge side into main\n");
    }

    @Test
    void aMergeCommitOnAProtectedBaseIsRefusedWithOneLineAndAHint() {
        repo.installHooks();
        repo.git(repo.dir, "config", "baton.protectBase", "true").succeeds();
        String before = repo.revParse(repo.dir, "main");

        Run r = mergeSide().refused();

        assertThat(r.err()).contains("baton: merge into main refused: it is the base branch and baton.protectBase is "
                + "set; work reaches it through `baton merge`\nhint: undo it with `git merge --abort` and land task "
                + "work with `baton merge <id>`, or `git commit --no-verify` to make this merge commit anyway\n");
        assertThat(r.err().lines().filter(l -> l.startsWith("baton:"))).hasSize(1);
        assertThat(repo.revParse(repo.dir, "main")).isEqualTo(before);
        repo.git(repo.dir, "merge", "--abort").succeeds();
        assertThat(repo.git(repo.dir, "status", "--porcelain").succeeds().out()).isEmpty();

        // the escape the hint names concludes a refused merge; `git merge --no-verify` skips the hook from the start
        mergeSide().refused();
        repo.git(repo.dir, "commit", "-q", "--no-verify", "--no-edit").succeeds();
        assertThat(repo.git(repo.dir, "rev-list", "--parents", "-1", "main").succeeds().out().split(" ")).hasSize(3);
        repo.git(repo.dir, "reset", "-q", "--hard", before).succeeds();
        repo.git(repo.dir, "merge", "-q", "--no-verify", "--no-ff", "-m", "merged anyway", "side").succeeds();
    }

    @Test
    void protectBaseNamingOtherBranchesLeavesMainFreeAndANamedBranchIsGuarded() {
        repo.installHooks();
        repo.git(repo.dir, "config", "baton.protectBase", "release").succeeds();
        mergeSide().succeeds();

        repo.git(repo.dir, "checkout", "-q", "-b", "release", "main~1").succeeds();
        Run r = repo.git(repo.dir, "merge", "--no-ff", "-m", "into release", "side").refused();
        assertThat(r.err()).contains("baton: merge into release refused");
    }

    @Test
    void batonMergeStillLandsWorkOnAProtectedBase() {
        repo.installHooks();
        repo.git(repo.dir, "config", "baton.protectBase", "true").succeeds();
        String id = repo.spawn("lead", "through baton merge");
        Path wt = repo.start("alice", id, null);
        repo.commit("alice", wt, "task.txt", "the task's work").succeeds();
        try (Session a = repo.as("alice"); Session lead = repo.as("lead")) {
            a.transitions().done(id, null, Handoff.summary("ready"));
            lead.transitions().approve(id);
        }
        String before = repo.revParse(repo.dir, "main");

        Run r = repo.baton("merge", id, "--as", "lead").succeeds();

        assertThat(r.err()).isEmpty();
        assertThat(repo.task(id).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(repo.revParse(repo.dir, "main~1")).isEqualTo(before);
        assertThat(repo.dir.resolve("task.txt")).exists();
        // a fast-forward makes no commit and runs no hook: protectBase cannot see it (docs say so)
        repo.git(repo.dir, "branch", "-q", "ahead", "main").succeeds();
        repo.git(repo.dir, "checkout", "-q", "ahead").succeeds();
        repo.git(repo.dir, "config", "baton.base", "main").succeeds();
        repo.commit("lead", repo.dir, "ahead.txt", "ahead of main").succeeds();
        repo.git(repo.dir, "checkout", "-q", "main").succeeds();
        repo.git(repo.dir, "merge", "-q", "--ff-only", "ahead").succeeds();
    }

    @Test
    void anExistingPreMergeCommitHookIsChainedRunsFirstAndIsRestoredByUninstall() throws Exception {
        Path hooks = repo.hooksDir();
        Files.createDirectories(hooks);
        Path marker = tmp.resolve("theirs.log");
        Path block = tmp.resolve("block");
        String theirs = "#!/bin/sh\n# someone else's pre-merge-commit\necho ran >> '" + marker + "'\n[ ! -e '" + block
                + "' ]\n";
        Path hook = hooks.resolve("pre-merge-commit");
        Files.writeString(hook, theirs);
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rwxr-x---");
        Files.setPosixFilePermissions(hook, mode);

        Run install = repo.baton("hooks", "install").succeeds();
        assertThat(install.out()).contains("pre-merge-commit: installed (" + hook + "); the hook that was there is "
                + "kept as pre-merge-commit.pre-baton and runs first");
        assertThat(hooks.resolve("pre-merge-commit.pre-baton")).hasContent(theirs);
        assertThat(repo.baton("hooks", "install").succeeds().out()).contains("pre-merge-commit: already installed");
        assertThat(repo.baton("hooks", "status").succeeds().out()).contains("pre-merge-commit: installed, runs ")
                .contains("runs pre-merge-commit.pre-baton first");

        // theirs refuses first, and baton's rule is not reached
        repo.git(repo.dir, "config", "baton.protectBase", "true").succeeds();
        Files.writeString(block, "");
        Run blocked = mergeSide().refused();
        assertThat(blocked.err()).doesNotContain("baton:");
        assertThat(Files.readAllLines(marker)).containsExactly("ran");
        repo.git(repo.dir, "merge", "--abort").succeeds();

        // theirs passes, baton's refuses
        Files.delete(block);
        assertThat(mergeSide().refused().err()).contains("baton: merge into main refused");
        assertThat(Files.readAllLines(marker)).containsExactly("ran", "ran");
        repo.git(repo.dir, "merge", "--abort").succeeds();

        // both pass
        repo.git(repo.dir, "config", "--unset", "baton.protectBase").succeeds();
        mergeSide().succeeds();
        assertThat(Files.readAllLines(marker)).hasSize(3);

        Run uninstall = repo.baton("hooks", "uninstall").succeeds();
        assertThat(uninstall.out()).contains("pre-merge-commit: removed; the hook that was there before is back");
        assertThat(hook).hasContent(theirs);
        assertThat(Files.getPosixFilePermissions(hook)).isEqualTo(mode);
        assertThat(hooks.resolve("pre-merge-commit.pre-baton")).doesNotExist();
    }
}

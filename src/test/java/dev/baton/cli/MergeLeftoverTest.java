package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Poll;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge killed in the middle of its rebase leaves its scratch worktree ({@code <worktree root>/.merge-<uuid>},
 * detached, the rebase begun in it): doctor reports it, and doctor --fix removes it and git's record of it. The first
 * test kills a real merge; the others plant the same state, stopped on a conflict, or only the folder.
 */
class MergeLeftoverTest {

    @TempDir
    Path tmp;

    /**
     * A real merge in a child process, killed (SIGKILL, with the git processes under it) once its rebase has begun:
     * a pre-rebase hook marks the moment and holds the rebase there, so the kill lands mid-rebase every time.
     */
    @Test
    void aMergeKilledMidRebaseLeavesAScratchWorktreeThatDoctorFixRemoves() throws Exception {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Add a file");
        Path wt = repo.started(id, "agent-a");
        TempRepo.commitInTask(wt, "added.txt", "new\n", "Add a file");
        repo.baton("done", id, "--as", "agent-a").ok();
        repo.baton("approve", id, "--as", "agent-b").ok();
        TempRepo.commitFileIn(repo.dir(), "other.txt", "main moved on\n", "main moves on"); // the merge must rebase
        String mainBefore = repo.git("rev-parse", "main").strip();

        Path marker = tmp.resolve("rebase-began");
        Path hook = repo.dir().resolve(".git/hooks/pre-rebase");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\ntouch '" + marker + "'\nexec sleep 300\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (Processes processes = new Processes(tmp.resolve("logs"))) {
            Processes.Child merge = processes.startBaton(repo.dir(), "agent-b", Map.of(), "merge", id);
            Poll.await("the merge's rebase to begin", Duration.ofMinutes(2),
                    () -> Files.exists(marker) || !merge.alive());
            assertThat(merge.alive()).as("the merge is still at its rebase; %s", merge).isTrue();
            List<ProcessHandle> tree = merge.process().descendants().toList();
            merge.process().destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            assertThat(merge.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle h : tree) {
                h.onExit().get(30, TimeUnit.SECONDS);
            }
        }
        Files.delete(hook);

        List<Path> left;
        try (var s = Files.list(tmp.resolve("repo.baton"))) {
            left = s.filter(p -> p.getFileName().toString().startsWith(".merge-")).toList();
        }
        assertThat(left).as("the killed merge's scratch worktree").hasSize(1);
        Path scratch = left.get(0);
        assertThat(repo.git("worktree", "list", "--porcelain")).contains("worktree " + scratch.toRealPath());
        assertThat(repo.git("rev-parse", "main").strip()).as("main did not move").isEqualTo(mainBefore);

        Run report = repo.baton("doctor");
        assertThat(report.exit()).isEqualTo(1);
        assertThat(report.out()).contains("merge: " + scratch);
        Run fixed = repo.baton("doctor", "--fix");
        assertThat(fixed.exit()).as("%s", fixed).isZero();
        assertThat(scratch).doesNotExist();
        assertThat(repo.git("worktree", "list", "--porcelain")).doesNotContain(".merge-");

        // and the merge, run again, lands
        repo.baton("merge", id, "--as", "agent-b").ok();
        assertThat(repo.show(id).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(repo.git("show", "main:added.txt")).isEqualTo("new\n");
    }

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
        Run rebase = TempRepo.tryGitIn(scratch, "rebase", "main");
        assertThat(rebase.exitedZero()).as("the planted rebase stops on its conflict").isFalse();
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

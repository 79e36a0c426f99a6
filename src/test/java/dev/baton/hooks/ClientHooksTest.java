package dev.baton.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.core.Handoff;
import dev.baton.core.Lease;
import dev.baton.core.Role;
import dev.baton.core.TaskState;
import dev.baton.testing.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client hooks, installed by `baton hooks install`, run by real `git commit` and `git push`. */
class ClientHooksTest {

    @TempDir
    Path tmp;

    HookRepo repo;

    @BeforeEach
    void setUp() {
        repo = HookRepo.create(tmp);
        repo.installHooks();
    }

    @Test
    void theOwnerCommitsAtTheCurrentEpochAndGetsTheTrailersOnceEvenOnAmend() {
        String id = repo.spawn("lead", "the owner commits");
        Path wt = repo.start("alice", id, null);

        repo.commit("alice", wt, "a.txt", "first change").succeeds();
        String msg = repo.message(wt, "HEAD");
        assertThat(msg).startsWith("first change\n").contains("Baton-Task: " + id + "\n").contains("Baton-Epoch: 1");

        repo.git(wt, Map.of("BATON_AGENT", "alice"), "commit", "-q", "--amend", "--no-edit").succeeds();
        assertThat(count(repo.message(wt, "HEAD"), "Baton-Task:")).isEqualTo(1);
        assertThat(count(repo.message(wt, "HEAD"), "Baton-Epoch:")).isEqualTo(1);

        repo.git(wt, Map.of("BATON_AGENT", "alice"), "commit", "-q", "--amend", "-m", "reworded").succeeds();
        msg = repo.message(wt, "HEAD");
        assertThat(msg).startsWith("reworded\n");
        assertThat(count(msg, "Baton-Task: " + id)).isEqualTo(1);
        assertThat(count(msg, "Baton-Epoch: 1")).isEqualTo(1);
    }

    @Test
    void anotherAgentMayNotCommitInTheOwnersWorktree() {
        String id = repo.spawn("lead", "alice's task");
        Path wt = repo.start("alice", id, null);
        String before = repo.revParse(wt, "HEAD");

        Run r = repo.commit("bob", wt, "b.txt", "bob sneaks in").refused();

        assertThat(r.err()).contains("baton: commit refused: " + id + " is owned by alice, not by you (bob)")
                .contains("hint: ");
        assertThat(repo.revParse(wt, "HEAD")).isEqualTo(before);
    }

    @Test
    void aStaleEpochIsRefusedAfterTheTaskWasReapedAndAnotherAgentMayNotCommitAfterReclaimingIt() throws Exception {
        String id = repo.spawn("lead", "short lease");
        Path wt = repo.start("alice", id, Duration.ofSeconds(1));
        Thread.sleep(1500);
        try (Session reaper = repo.as("lead")) {
            assertThat(reaper.leases().reapExpired()).extracting(t -> t.id()).containsExactly(id);
        }
        assertThat(repo.task(id).epoch()).isEqualTo(2);

        Run stale = repo.commit("alice", wt, "a.txt", "after the reap").refused();
        assertThat(stale.err()).contains("lease lost: this worktree was granted " + id + " at epoch 1, the task is at "
                + "epoch 2").contains("hint: take it up again with `baton start " + id + "`");

        repo.start("bob", id, null); // the same worktree, now bob's at epoch 3
        Run owned = repo.commit("alice", wt, "a.txt", "alice again").refused();
        assertThat(owned.err()).contains(id + " is owned by bob, not by you (alice)");

        repo.git(wt, "reset", "-q").succeeds();
        repo.commit("bob", wt, "b.txt", "bob's work").succeeds();
        assertThat(repo.message(wt, "HEAD")).contains("Baton-Epoch: 3");
    }

    @Test
    void aPassedCheckIsReusedUntilTheBoardMovesAndOnlyForTheSameAgent() throws Exception {
        String id = repo.spawn("lead", "commits in a row");
        Path wt = repo.start("alice", id, null);
        repo.commit("alice", wt, "a.txt", "checked by the JVM").succeeds();
        Path verified = repo.dir.resolve(".git/baton/verified/" + id);
        assertThat(Files.readString(verified)).isEqualTo("v1 " + repo.revParse(repo.dir, "refs/baton/board")
                + " alice 1\n");

        // a baton that cannot run: the commit goes through only because the script knows the answer already
        Map<String, String> noBaton = Map.of("BATON_AGENT", "alice", "BATON", "false");
        HookRepo.write(wt.resolve("b.txt"), "b\n");
        repo.git(wt, "add", "b.txt").succeeds();
        repo.git(wt, noBaton, "commit", "-q", "-m", "no JVM needed").succeeds();
        assertThat(repo.message(wt, "HEAD")).contains("Baton-Task: " + id);

        HookRepo.write(wt.resolve("c.txt"), "c\n");
        repo.git(wt, "add", "c.txt").succeeds();
        repo.git(wt, Map.of("BATON_AGENT", "bob", "BATON", "false"), "commit", "-q", "-m", "another agent").refused();

        repo.spawn("lead", "any transition moves the board"); // so the verdict no longer holds
        repo.git(wt, noBaton, "commit", "-q", "-m", "the board moved").refused();
        repo.git(wt, Map.of("BATON_AGENT", "alice"), "commit", "-q", "-m", "checked again").succeeds();
        assertThat(Files.readString(verified)).contains(repo.revParse(repo.dir, "refs/baton/board"));

        Run refused = repo.commit("bob", wt, "d.txt", "bob again").refused();
        assertThat(refused.err()).contains("is owned by alice");
        assertThat(verified).as("a refusal forgets the last verdict").doesNotExist();
    }

    @Test
    void theHooksFailClosedWhenBatonCannotRunAndNoVerifyIsTheEscape() {
        String id = repo.spawn("lead", "baton is missing");
        Path wt = repo.start("alice", id, null);
        Map<String, String> missing = Map.of("BATON_AGENT", "alice", "BATON", tmp.resolve("no-such-baton").toString());
        HookRepo.write(wt.resolve("a.txt"), "a\n");
        repo.git(wt, "add", "a.txt").succeeds();

        Run r = repo.git(wt, missing, "commit", "-q", "-m", "refused").refused();
        assertThat(r.err()).contains("baton: the pre-commit hook could not run baton (" + tmp.resolve("no-such-baton"))
                .contains("hint: set BATON to the baton command").contains("`git commit --no-verify` skips the hooks");

        repo.git(wt, missing, "commit", "-q", "--no-verify", "-m", "escaped").succeeds();
        assertThat(repo.message(wt, "HEAD")).isEqualTo("escaped\n\n").doesNotContain("Baton-Task");
    }

    @Test
    void aTaskThatIsNotWorkingTakesNoCommits() {
        String id = repo.spawn("lead", "done already");
        Path wt = repo.start("alice", id, null);
        try (Session c = repo.as("alice")) {
            c.transitions().done(id, null, new Handoff("finished", null, null, null, null));
        }

        Run r = repo.commit("alice", wt, "late.txt", "one more thing").refused();

        assertThat(r.err()).contains("commit refused: " + id + " is IN_REVIEW")
                .contains("commits on task/" + id + " are taken only while it is WORKING")
                .contains("hint: it is waiting for review");
    }

    @Test
    void pathsReservedByAnotherTaskAreRefusedByGlob() {
        String api = repo.spawn("lead", "owns the api");
        repo.start("alice", api, null);
        try (Session c = repo.as("alice")) {
            c.transitions().reserve(api, null, List.of("src/api/**", "docs/*.md"), false, null);
        }
        String ui = repo.spawn("lead", "the ui");
        Path wt = repo.start("bob", ui, null);

        Run deep = repo.commit("bob", wt, "src/api/v1/Handler.java", "touch the api").refused();
        assertThat(deep.err()).contains("commit refused: src/api/v1/Handler.java is reserved by " + api
                + " (alice) as 'src/api/**'").contains("hint: unstage it");
        repo.git(wt, "reset", "-q").succeeds();

        Run doc = repo.commit("bob", wt, "docs/guide.md", "a doc").refused();
        assertThat(doc.err()).contains("docs/guide.md is reserved by " + api);
        repo.git(wt, "reset", "-q").succeeds();

        // "*" stays within one folder, and paths outside the globs are free
        repo.commit("bob", wt, "docs/ui/screens.md", "a doc one folder down").succeeds();
        repo.commit("bob", wt, "src/ui/View.java", "the ui").succeeds();
        // while paths are reserved elsewhere, every commit is checked with its paths: no verdict is kept
        assertThat(repo.dir.resolve(".git/baton/verified/" + ui)).doesNotExist();
    }

    @Test
    void anAgentWhoseWorkerRoleWasTakenAwayMayNotCommit() {
        try (Session lead = repo.as("lead")) {
            lead.transitions().setRoles("lead", List.of(Role.ADMIN));
            lead.transitions().setRoles("alice", List.of(Role.WORKER));
        }
        String id = repo.spawn("lead", "roles");
        Path wt = repo.start("alice", id, null);
        repo.commit("alice", wt, "a.txt", "while a worker").succeeds();

        try (Session lead = repo.as("lead")) {
            lead.transitions().setRoles("alice", List.of(Role.REVIEWER));
        }
        Run r = repo.commit("alice", wt, "b.txt", "no longer a worker").refused();
        assertThat(r.err()).contains("commit refused: alice no longer holds the worker role")
                .contains("baton roles set alice worker");
    }

    @Test
    void theBaseBranchIsGuardedOnlyWhenProtectBaseIsSet() {
        repo.commit("lead", repo.dir, "notes.txt", "free while unprotected").succeeds();

        repo.git(repo.dir, "config", "baton.protectBase", "true").succeeds();
        Run r = repo.commit("lead", repo.dir, "notes.txt", "now refused");
        r.refused();
        assertThat(r.err()).contains("commit to main refused: it is the base branch and baton.protectBase is set")
                .contains("hint: do the work in a task");

        repo.git(repo.dir, "config", "baton.protectBase", "release").succeeds(); // names the branches to guard
        repo.commit("lead", repo.dir, "notes.txt", "main is not release").succeeds();

        repo.git(repo.dir, "config", "baton.protectBase", "true").succeeds();
        repo.git(repo.dir, "checkout", "-q", "-b", "side").succeeds();
        repo.git(repo.dir, "config", "baton.base", "main").succeeds();
        repo.commit("lead", repo.dir, "notes.txt", "a side branch is not the base").succeeds();
    }

    @Test
    void aCommitIsAHeartbeatInTheBackground() throws Exception {
        String id = repo.spawn("lead", "heartbeats");
        Path wt = repo.start("alice", id, null);
        long before;
        try (Session c = repo.as("alice")) {
            before = c.board().lease(id).map(Lease::heartbeats).orElse(0L);
        }

        HookRepo.write(wt.resolve("a.txt"), "work\n");
        repo.git(wt, "add", "a.txt").succeeds();
        repo.git(wt, Map.of("BATON_AGENT", "alice", "BATON_HOOK_SYNC", ""), "commit", "-q", "-m", "work").succeeds();

        Optional<Lease> lease = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Session c = repo.as("alice")) {
                lease = c.board().lease(id);
            }
            if (lease.isPresent() && lease.get().heartbeats() > before) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(lease).as("the lease after a commit").isPresent();
        assertThat(lease.get().heartbeats()).isEqualTo(before + 1);
        assertThat(lease.get().agent()).isEqualTo("alice");
        Path log = repo.dir.resolve(".git/baton/post-commit.log");
        long logDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < logDeadline && (!Files.exists(log) || Files.size(log) == 0)) {
            Thread.sleep(100); // the background heartbeat is still finishing
        }
        assertThat(Files.readString(log)).contains(id + " lease renewed until");
    }

    @Test
    void theForegroundHeartbeatRenewsTheLeaseAtEachCommit() {
        String id = repo.spawn("lead", "heartbeats");
        Path wt = repo.start("alice", id, null);
        repo.commit("alice", wt, "a.txt", "one").succeeds();
        repo.commit("alice", wt, "b.txt", "two").succeeds();
        try (Session c = repo.as("alice")) {
            assertThat(c.board().lease(id)).map(Lease::heartbeats).contains(2L);
        }
    }

    @Test
    void pushesOfTaskBranchesAndOfBatonRefsAreChecked() {
        Path remote = tmp.resolve("remote.git");
        repo.git(tmp, "init", "-q", "--bare", remote.toString()).succeeds();
        repo.git(repo.dir, "remote", "add", "origin", remote.toString()).succeeds();

        String id = repo.spawn("lead", "pushing");
        Path wt = repo.start("alice", id, null);
        repo.commit("alice", wt, "a.txt", "work").succeeds();
        repo.git(wt, "push", "-q", "origin", "task/" + id).succeeds(); // WORKING

        try (Session c = repo.as("alice")) {
            c.transitions().done(id, null, Handoff.NONE);
        }
        repo.git(wt, "push", "-q", "origin", "task/" + id + ":refs/heads/review/" + id).succeeds(); // IN_REVIEW

        try (Session c = repo.as("lead")) {
            c.transitions().approve(id);
        }
        Run approved = repo.git(wt, "push", "-q", "origin", "task/" + id + ":refs/heads/again").refused();
        assertThat(approved.err()).contains("push refused: " + id + " is APPROVED")
                .contains("is pushed only while its task is WORKING or IN_REVIEW");

        Run board = repo.git(repo.dir, "push", "-q", "origin", "refs/baton/board").refused();
        assertThat(board.err()).contains("push to refs/baton/board refused: refs/baton/* are written by baton")
                .contains("BATON_PUSH=1");
        assertThat(repo.git(repo.dir, "ls-remote", "origin", "refs/baton/board").succeeds().out()).isEmpty();

        repo.git(repo.dir, Map.of("BATON_PUSH", "1"), "push", "-q", "origin", "refs/baton/board").succeeds();
        assertThat(repo.git(repo.dir, "ls-remote", "origin", "refs/baton/board").succeeds().out())
                .startsWith(repo.revParse(repo.dir, "refs/baton/board"));
        assertThat(repo.task(id).state()).isEqualTo(TaskState.APPROVED);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}

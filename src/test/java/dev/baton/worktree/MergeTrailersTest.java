package dev.baton.worktree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.app.Session;
import dev.baton.app.Merged;
import dev.baton.app.RunOptions;
import dev.baton.app.RunResult;
import dev.baton.app.Runner;
import dev.baton.app.SpawnRequest;
import dev.baton.core.Handoff;
import dev.baton.core.TaskState;
import dev.baton.testing.TempRepo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * merge and the Baton-Task/Baton-Epoch trailers: commits baton's hooks did not stamp for the task are reported and
 * recorded with the merge, and refuse it with baton.requireTrailers. The commits here are made with real
 * {@code git commit} and no hooks installed, so their trailers are exactly what their messages say.
 */
class MergeTrailersTest {

    static final String NO_TASK = "no Baton-Task trailer (committed with --no-verify, or without baton's hooks)";

    @TempDir
    Path tmp;

    TempRepo repo;

    @BeforeEach
    void setUp() {
        repo = TempRepo.withBoard(tmp);
    }

    private String spawn(String title) {
        return repo.spawn("lead", SpawnRequest.of(title));
    }

    private Path start(String agent, String id, Duration lease) {
        try (Session c = repo.session(agent)) {
            return Path.of(c.transitions().start(id, null, lease).workspace().path());
        }
    }

    private static String commit(Path wt, String file, String message) {
        return TempRepo.commitFileIn(wt, file, file + "\n", message);
    }

    private static String stamped(String subject, String id, long epoch) {
        return subject + "\n\nBaton-Task: " + id + "\nBaton-Epoch: " + epoch;
    }

    private void doneAndApproved(String agent, String id) {
        try (Session a = repo.session(agent); Session reviewer = repo.session("reviewer")) {
            a.transitions().done(id, null, Handoff.summary("ready"));
            reviewer.transitions().approve(id);
        }
    }

    private Merged merge(String id) {
        try (Session reviewer = repo.session("reviewer")) {
            return reviewer.merging().merge(id);
        }
    }

    @Test
    void commitsBatonDidNotStampAreReportedAndRecordedWithTheMerge() throws Exception {
        String id = spawn("mixed commits");
        String other = spawn("another task");
        Path wt = start("agent-a", id, null);
        commit(wt, "stamped.txt", stamped("stamped by the hook", id, 1));
        commit(wt, "bare.txt", "made with --no-verify");
        commit(wt, "other.txt", stamped("meant for another task", other, 1));
        commit(wt, "future.txt", stamped("at an epoch never held", id, 7));
        commit(wt, "noepoch.txt", "no epoch\n\nBaton-Task: " + id);
        doneAndApproved("agent-a", id);

        Merged m = merge(id);

        assertThat(m.task().state()).isEqualTo(TaskState.COMPLETED);
        List<String> landed = repo.git("rev-list", "--reverse", "main~5..main").lines().toList();
        assertThat(m.unverified()).extracting(UnverifiedCommit::commit, UnverifiedCommit::subject,
                UnverifiedCommit::problem).containsExactly(
                tuple(landed.get(1), "made with --no-verify", NO_TASK),
                tuple(landed.get(2), "meant for another task", "Baton-Task names " + other + ", not " + id),
                tuple(landed.get(3), "at an epoch never held", "Baton-Epoch 7 is not an epoch " + id + " held (1)"),
                tuple(landed.get(4), "no epoch", "no Baton-Epoch trailer"));

        // the audit trail: the merge transition names the commits, as they are on main
        String board = repo.git("log", "-1", "--format=%B", "refs/baton/board");
        assertThat(board).contains("4 commit(s) landed without baton's trailers: " + String.join(" ",
                landed.subList(1, 5)) + "\n");
        assertThat(board).contains("Baton-Args: {\"mergedCommit\":\"" + landed.get(4) + "\",\"taskId\":\"" + id
                + "\",\"unverifiedCommits\":[\"" + String.join("\",\"", landed.subList(1, 5)) + "\"]}");
        try (Session lead = repo.session("lead")) {
            assertThat(lead.maintenance().fsck(n -> { }).findings()).isEmpty();
            assertThat(lead.board().log(id, 1).get(0).event().command()).isEqualTo(new dev.baton.core.Merge(id,
                    landed.get(4), landed.subList(1, 5)));
        }
    }

    @Test
    void aMergeOfStampedCommitsRecordsNothingExtra() {
        String id = spawn("all stamped");
        Path wt = start("agent-a", id, null);
        commit(wt, "a.txt", stamped("one", id, 1));
        commit(wt, "b.txt", stamped("two", id, 1));
        doneAndApproved("agent-a", id);

        assertThat(merge(id).unverified()).isEmpty();

        String board = repo.git("log", "-1", "--format=%B", "refs/baton/board");
        assertThat(board).doesNotContain("unverifiedCommits").doesNotContain("without baton's trailers");
    }

    @Test
    void epochsTheTaskHeldBeforeItWasTakenBackAreNotFlagged() throws Exception {
        String id = spawn("reaped once");
        Path wt = start("agent-a", id, Duration.ofSeconds(1));
        commit(wt, "first.txt", stamped("before the reap", id, 1));
        Thread.sleep(1500);
        try (Session reaper = repo.session("lead")) {
            assertThat(reaper.leases().reapExpired()).extracting(t -> t.id()).containsExactly(id);
        }
        start("agent-b", id, null); // epoch 2 was the reclaim, held by no one; agent-b holds 3
        commit(wt, "second.txt", stamped("after the reap", id, 3));
        commit(wt, "forged.txt", stamped("at the reclaim's epoch", id, 2));
        doneAndApproved("agent-b", id);

        Merged m = merge(id);

        assertThat(m.unverified()).extracting(UnverifiedCommit::subject, UnverifiedCommit::problem).containsExactly(
                tuple("at the reclaim's epoch", "Baton-Epoch 2 is not an epoch " + id + " held (1, 3)"));
    }

    @Test
    void requireTrailersRefusesTheMergeBeforeTheBaseMovesAndNamesTheCommits() {
        repo.git("config", "baton.requireTrailers", "true");
        String id = spawn("unstamped");
        Path wt = start("agent-a", id, null);
        commit(wt, "a.txt", stamped("stamped", id, 1));
        String bare = commit(wt, "b.txt", "unstamped");
        doneAndApproved("agent-a", id);
        String mainTip = repo.rev("main");
        String boardTip = repo.rev("refs/baton/board");

        BatonException e;
        try (Session reviewer = repo.session("reviewer")) {
            e = catchThrowableOfType(BatonException.class, () -> reviewer.merging().merge(id));
        }

        assertThat(e).as("the merge must be refused").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(e.getMessage()).doesNotContain("\n")
                .startsWith("cannot merge " + id + ": baton.requireTrailers is set and 1 commit lacks baton's "
                        + "trailers (" + bare.substring(0, 10) + " \"unstamped\": " + NO_TASK + ")")
                .contains("git config baton.requireTrailers false");
        assertThat(repo.rev("main")).isEqualTo(mainTip);
        assertThat(repo.rev("refs/heads/task/" + id)).isEqualTo(bare);
        assertThat(repo.rev("refs/baton/board")).isEqualTo(boardTip);
        try (Session lead = repo.session("lead")) {
            assertThat(lead.board().task(id).state()).isEqualTo(TaskState.APPROVED);
        }
        assertThat(repo.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")))
                .as("no scratch worktree left behind").hasSize(2);

        // what the message suggests: whoever vouches for the commits stamps them, and the merge goes through
        TempRepo.gitIn(wt, "rebase", "-q", "-x", "git -c trailer.ifexists=replace commit -q --amend --no-edit "
                + "--no-verify --trailer 'Baton-Task: " + id + "' --trailer 'Baton-Epoch: 1'", "main");
        Merged m = merge(id);
        assertThat(m.task().state()).isEqualTo(TaskState.COMPLETED);
        assertThat(m.unverified()).isEmpty();
        assertThat(repo.git("log", "-1", "--format=%B", "main")).startsWith("unstamped\n")
                .contains("Baton-Task: " + id + "\nBaton-Epoch: 1");
    }

    @Test
    void theCommitBatonRunMakesOfWhatTheCommandLeftIsNotFlagged() {
        String id = spawn("run it");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResult r;
        try (Session a = repo.session("agent-a")) {
            r = new Runner(a, new PrintStream(out, true, StandardCharsets.UTF_8)).run(id, new RunOptions(
                    List.of("sh", "-c", "echo work > work.txt"), Duration.ofMinutes(2), null, null, true, null),
                    new AtomicBoolean());
        }
        assertThat(r.outcome()).as("%s", out).isEqualTo(RunResult.Outcome.DONE);
        try (Session reviewer = repo.session("reviewer")) {
            reviewer.transitions().approve(id);
        }

        Merged m = merge(id);

        assertThat(repo.git("log", "-1", "--format=%B", "main")).startsWith(id + ": run it\n")
                .contains("Baton-Task: " + id + "\nBaton-Epoch: 1");
        assertThat(m.unverified()).isEmpty();
    }
}

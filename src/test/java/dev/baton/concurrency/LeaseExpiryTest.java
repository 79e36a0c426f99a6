package dev.baton.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.app.Session;
import dev.baton.core.AttemptRecord;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.store.LeaseStore;
import dev.baton.store.LocalTransport;
import dev.baton.testing.ChildProcesses;
import dev.baton.testing.Cli;
import dev.baton.testing.Poll;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leases between real processes: a worker that stops heartbeating loses its task to the next claim --next, and is
 * fenced off when it comes back; heartbeats (and their notes) are what the reaper reports; a long-running heartbeat
 * stops with the right exit code; and attempts run out into FAILED.
 */
class LeaseExpiryTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    TempRepo repo;
    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    Processes children;

    @BeforeEach
    void board() {
        repo = TempRepo.create(tmp);
        children = processes.logsIn(tmp.resolve("logs"));
        Cli.ok(repo.dir(), "lead", "init");
    }

    @Test
    void aStalledWorkerLosesItsTaskToTheNextClaimAndIsFencedOff() {
        String id = Cli.ok(repo.dir(), "lead", "spawn", "stalls");
        Run started = children.baton(repo.dir(), "agent-a", "start", id, "--lease", "1s");
        assertThat(started.exit()).as("%s", started).isZero();
        Path worktree = Path.of(started.value());
        Task working = task(id);
        assertThat(working.state()).isEqualTo(TaskState.WORKING);
        assertThat(working.epoch()).isEqualTo(1);

        sleepPast(working.leaseUntil()); // agent-a never heartbeats

        Run claimed = children.baton(repo.dir(), "agent-b", "claim", "--next", "--json");
        assertThat(claimed.exit()).as("%s", claimed).isZero();
        JsonNode json = parse(claimed.value());
        assertThat(json.get("id").asText()).isEqualTo(id);
        assertThat(json.get("assignee").asText()).isEqualTo("agent-b");
        Task reclaimed = task(id);
        assertThat(reclaimed.state()).isEqualTo(TaskState.ASSIGNED);
        assertThat(reclaimed.assignee()).isEqualTo("agent-b");
        assertThat(reclaimed.attempt()).isEqualTo(2);
        // the reap moved the epoch on (fencing agent-a at once), and the claim granted the next one
        assertThat(reclaimed.epoch()).isEqualTo(3);
        assertThat(json.get("epoch").asLong()).isEqualTo(3);
        assertThat(reclaimed.handoff().summary()).contains("lease expired after 0 heartbeats");
        assertThat(reclaimed.history()).singleElement().satisfies(a -> {
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.agent()).isEqualTo("agent-a");
            assertThat(a.epoch()).isEqualTo(1);
            assertThat(a.outcome()).isEqualTo("lease expired after 0 heartbeats");
        });
        assertThat(json.get("history").get(0).get("outcome").asText()).isEqualTo("lease expired after 0 heartbeats");

        String tip = repo.rev("refs/baton/board");
        // agent-a wakes up and hands in, from its worktree
        Run fromWorktree = children.baton(worktree, "agent-a", "done", "--summary", "finished late");
        assertThat(fromWorktree.exit()).as("%s", fromWorktree).isEqualTo(1);
        assertThat(fromWorktree.err()).contains(id).contains("agent-b");
        // and with the epoch it was granted
        Run withEpoch = children.baton(repo.dir(), "agent-a", "done", id, "--epoch", "1");
        assertThat(withEpoch.exit()).as("%s", withEpoch).isEqualTo(1);
        assertThat(withEpoch.err()).contains("lease lost: you hold epoch 1, the task is at epoch 3");
        assertThat(repo.rev("refs/baton/board")).as("the board after refused writes").isEqualTo(tip);
        assertThat(task(id)).isEqualTo(reclaimed);
    }

    @Test
    void theReaperReportsTheHeartbeatsAndTheLastNote() {
        String id = Cli.ok(repo.dir(), "lead", "spawn", "beats once");
        Run started = children.baton(repo.dir(), "agent-a", "start", id, "--lease", "1s");
        assertThat(started.exit()).as("%s", started).isZero();
        Run beat = children.baton(Path.of(started.value()), "agent-a", "heartbeat", "--lease", "1s",
                "--note", "tests half written");
        assertThat(beat.exit()).as("%s", beat).isZero();
        assertThat(beat.value()).contains("heartbeat 1, epoch 1");

        sleepPast(lease(id).expiresAt());
        Run reap = Cli.as(repo.dir(), "agent-b", "reap");
        assertThat(reap.exit()).as("%s", reap).isZero();
        assertThat(reap.value()).contains(id).contains("QUEUED")
                .contains("lease expired after 1 heartbeat, last note: tests half written");
        Task t = task(id);
        assertThat(t.state()).isEqualTo(TaskState.QUEUED);
        assertThat(t.assignee()).isNull();
        assertThat(t.epoch()).isEqualTo(2);
        assertThat(t.attempt()).isEqualTo(2);
        assertThat(t.handoff().summary()).isEqualTo("lease expired after 1 heartbeat, last note: tests half written");
        assertThat(repo.exists(LeaseStore.ref(id))).as("the lease ref after the reap").isFalse();
    }

    @Test
    void aRunningHeartbeatStopsWithExit1WhenTheTaskWasTakenAwayAndExit0WhenItIsDone() throws Exception {
        // lost: the heartbeating process is frozen (SIGSTOP) long enough for its lease to run out and be re-granted
        String lost = Cli.ok(repo.dir(), "lead", "spawn", "frozen worker", "--priority", "0");
        Run started = children.baton(repo.dir(), "agent-a", "start", lost, "--lease", "1s");
        assertThat(started.exit()).as("%s", started).isZero();
        Processes.Child beating = children.startBaton(Path.of(started.value()), "agent-a", Map.of(),
                "heartbeat", "--every", "1s", "--lease", "4s");
        Poll.await("two heartbeats", Duration.ofSeconds(180), () -> renewals(beating) >= 2);
        // the heartbeats keep the task: a reap past the lease the start granted takes nothing
        sleepPast(task(lost).leaseUntil());
        Poll.await("a heartbeat after the first lease ran out", Duration.ofSeconds(180),
                () -> lease(lost).expiresAt().isAfter(task(lost).leaseUntil().plusSeconds(1)));
        Run reap = Cli.as(repo.dir(), "agent-b", "reap");
        assertThat(reap.value()).as("%s", reap).isEqualTo("no expired leases");
        assertThat(task(lost).epoch()).isEqualTo(1);

        assertThat(children.os("kill", "-STOP", Long.toString(beating.pid())).exit()).isZero();
        sleepPast(lease(lost).expiresAt());
        Run claimed = children.baton(repo.dir(), "agent-b", "claim", "--next");
        assertThat(claimed.exit()).as("%s", claimed).isZero();
        assertThat(claimed.value()).isEqualTo(lost + " claimed by agent-b (epoch 3)");
        assertThat(children.os("kill", "-CONT", Long.toString(beating.pid())).exit()).isZero();
        Run stopped = beating.await(Duration.ofSeconds(180));
        assertThat(stopped.exit()).as("%s", stopped).isEqualTo(1);
        assertThat(stopped.err()).contains("lease lost: you hold epoch 1, the task is at epoch 3 (reclaimed by agent-b");
        assertThat(task(lost).assignee()).isEqualTo("agent-b");

        // done: the heartbeat sees the task leave WORKING and ends cleanly
        String finished = Cli.ok(repo.dir(), "lead", "spawn", "finished worker");
        Run started2 = children.baton(repo.dir(), "agent-c", "start", finished, "--lease", "1s");
        assertThat(started2.exit()).as("%s", started2).isZero();
        Path worktree = Path.of(started2.value());
        Processes.Child beating2 = children.startBaton(worktree, "agent-c", Map.of(),
                "heartbeat", "--every", "1s", "--lease", "3s");
        Poll.await("a heartbeat", Duration.ofSeconds(180), () -> renewals(beating2) >= 1);
        Run done = children.baton(worktree, "agent-c", "done", "--summary", "all green");
        assertThat(done.exit()).as("%s", done).isZero();
        Run ended = beating2.await(Duration.ofSeconds(180));
        assertThat(ended.exit()).as("%s", ended).isZero();
        assertThat(ended.out()).contains(finished + " is IN_REVIEW now; no lease to keep; stopping");
        assertThat(task(finished).state()).isEqualTo(TaskState.IN_REVIEW);

        Run fsck = Cli.as(repo.dir(), "checker", "fsck");
        assertThat(fsck.exit()).as("%s", fsck).isZero();
    }

    @Test
    void aTaskWhoseLeaseRunsOutMaxAttemptsTimesIsFailedWithItsHistory() {
        repo.git("config", "baton.maxAttempts", "2");
        String id = Cli.ok(repo.dir(), "lead", "spawn", "keeps timing out");
        Run first = children.baton(repo.dir(), "agent-a", "claim", id, "--lease", "1s");
        assertThat(first.exit()).as("%s", first).isZero();
        sleepPast(task(id).leaseUntil());
        Run second = children.baton(repo.dir(), "agent-b", "claim", "--next", "--lease", "1s");
        assertThat(second.exit()).as("%s", second).isZero();
        assertThat(task(id).attempt()).isEqualTo(2);
        sleepPast(task(id).leaseUntil());
        Run reap = Cli.as(repo.dir(), "agent-c", "reap");
        assertThat(reap.exit()).as("%s", reap).isZero();
        assertThat(reap.value()).contains(id + " → FAILED");

        Run list = Cli.as(repo.dir(), "agent-c", "list", "--state", "FAILED", "--json");
        assertThat(list.exit()).as("%s", list).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode failed = parse(lines.get(0));
        assertThat(failed.get("id").asText()).isEqualTo(id);
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("attempt").asInt()).isEqualTo(2);
        assertThat(failed.get("reason").asText()).contains("lease expired after 0 heartbeats").contains("attempt 2 of 2");
        JsonNode history = failed.get("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(history.get(0).get("agent").asText()).isEqualTo("agent-a");
        assertThat(history.get(1).get("attempt").asInt()).isEqualTo(2);
        assertThat(history.get(1).get("agent").asText()).isEqualTo("agent-b");
        assertThat(history).allSatisfy(a -> assertThat(a.get("outcome").asText()).isEqualTo("lease expired after 0 heartbeats"));
        List<AttemptRecord> records = task(id).history();
        assertThat(records).extracting(AttemptRecord::epoch).containsExactly(1L, 3L);

        Run fsck = Cli.as(repo.dir(), "checker", "fsck");
        assertThat(fsck.exit()).as("%s", fsck).isZero();
    }

    private Task task(String id) {
        try (Session c = repo.session("reader")) {
            return c.board().task(id);
        }
    }

    private dev.baton.core.Lease lease(String id) {
        try (var r = repo.openRepository()) {
            return new LeaseStore(r, new LocalTransport(r)).read(id).orElseThrow().lease();
        }
    }

    private static long renewals(Processes.Child c) {
        return c.stdout().lines().filter(l -> l.contains("lease renewed until")).count();
    }

    /** Sleeps until a little after {@code when}: letting a lease run out is what these tests are about. */
    private static void sleepPast(Instant when) {
        long millis = Duration.between(Instant.now(), when).toMillis() + 150;
        if (millis > 0) {
            Poll.sleep(millis);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}

package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.app.Session;
import dev.baton.app.SpawnRequest;
import dev.baton.app.Stats;
import dev.baton.core.BoardStats;
import dev.baton.core.Handoff;
import dev.baton.core.TaskState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stats over a scripted history, every step at a fixed time. */
class StatsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path tmp;

    /** A clock the script moves. */
    static final class ScriptClock extends Clock {
        private volatile Instant now = T0;

        void at(int minutes, int seconds) {
            now = T0.plus(Duration.ofMinutes(minutes).plusSeconds(seconds));
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void statsOfAScriptedHistory() throws Exception {
        Repo repo = Repo.withBoard(tmp);
        ScriptClock clock = new ScriptClock();
        String taskC;
        try (Session lead = repo.session("lead", clock); Session a = repo.session("agent-a", clock);
             Session b = repo.session("agent-b", clock); Session c = repo.session("agent-c", clock);
             Session reviewer = repo.session("reviewer", clock)) {
            clock.at(0, 0);
            String taskA = lead.transitions().spawn(SpawnRequest.of("A")).task().id();
            String taskB = lead.transitions().spawn(SpawnRequest.of("B")).task().id();
            clock.at(1, 0);
            a.transitions().claim(taskA, null);
            clock.at(2, 0);
            b.transitions().claim(taskB, Duration.ofMinutes(5));
            clock.at(3, 0);
            Path wt = Path.of(a.transitions().start(taskA, null, null).workspace().path());
            clock.at(8, 0);
            assertThat(lead.leases().reapExpired()).extracting(t -> t.state()).containsExactly(TaskState.QUEUED);
            clock.at(13, 0);
            a.transitions().done(taskA, null, Handoff.summary("first try"));
            clock.at(15, 0);
            reviewer.transitions().reject(taskA, "needs tests", null);
            clock.at(20, 0);
            Files.writeString(wt.resolve("a.txt"), "a\n", StandardCharsets.UTF_8);
            git(wt, "add", "a.txt");
            git(wt, "commit", "-q", "-m", "a");
            a.transitions().done(taskA, null, Handoff.summary("with tests"));
            clock.at(21, 0);
            reviewer.transitions().approve(taskA);
            clock.at(22, 0);
            lead.merging().merge(taskA);
            clock.at(23, 0);
            taskC = lead.transitions().spawn(SpawnRequest.of("C")).task().id();
            clock.at(23, 30);
            c.transitions().claim(taskC, null);
            clock.at(25, 0);

            BoardStats all = Stats.of(lead, null);
            assertThat(all.completed()).isEqualTo(1);
            assertThat(all.medianInState()).containsEntry(TaskState.QUEUED, Duration.ofSeconds(60)) // 1m, 2m, 30s
                    .containsEntry(TaskState.ASSIGNED, Duration.ofMinutes(4))                    // 2m, 6m
                    .containsEntry(TaskState.WORKING, Duration.ofSeconds(450))                    // 10m, 5m
                    .containsEntry(TaskState.IN_REVIEW, Duration.ofSeconds(90))                   // 2m, 1m
                    .containsEntry(TaskState.APPROVED, Duration.ofMinutes(1));
            assertThat(all.intervals()).containsEntry(TaskState.QUEUED, 3).containsEntry(TaskState.WORKING, 2);
            assertThat(all.rejections()).containsExactlyEntriesOf(java.util.Map.of(taskA, 1));
            assertThat(all.reviewed()).isEqualTo(1);
            assertThat(all.rejectionsPerReviewedTask()).isEqualTo(1.0);
            assertThat(all.reclaims()).isEqualTo(1);
            assertThat(all.deadLettered()).isZero();
            assertThat(all.agents().keySet()).containsExactly("agent-a", "agent-b", "agent-c", "lead", "reviewer");
            assertThat(all.agents().get("agent-c").holding()).extracting(t -> t.id()).containsExactly(taskC);
            assertThat(all.agents().get("agent-a").holding()).isEmpty();
            assertThat(all.agents().get("agent-a").transitions()).isEqualTo(4);
            assertThat(all.agents().get("lead").transitions()).isEqualTo(5);

            // the last 10 minutes: from 09:15 on
            BoardStats recent = Stats.of(lead, Duration.ofMinutes(10));
            assertThat(recent.completed()).isEqualTo(1);
            assertThat(recent.reclaims()).isZero();
            assertThat(recent.rejections()).containsEntry(taskA, 1);
            assertThat(recent.medianInState()).containsEntry(TaskState.WORKING, Duration.ofMinutes(5))
                    .containsEntry(TaskState.IN_REVIEW, Duration.ofSeconds(90))
                    .containsEntry(TaskState.QUEUED, Duration.ofSeconds(30))
                    .doesNotContainKey(TaskState.ASSIGNED);
            assertThat(recent.agents()).doesNotContainKey("agent-b");
        }

        JsonNode json = repo.baton("--json", "stats").ok().json();
        assertThat(json.get("completed").asInt()).isEqualTo(1);
        assertThat(json.get("reclaims").asInt()).isEqualTo(1);
        assertThat(json.get("median_seconds").get("WORKING").asDouble()).isEqualTo(450.0);
        assertThat(json.get("agents").get("agent-c").get("holding").get(0).get("state").asText()).isEqualTo("ASSIGNED");
        assertThat(repo.baton("stats").ok().out()).contains("All history", "completed:   1", "WORKING",
                "agent-c", taskC);
        // by the real clock the scripted history is long past
        assertThat(repo.baton("stats", "--since", "1d").ok().out()).contains("Last 24h", "completed:   0");
        assertThat(repo.baton("stats", "--since", "soon").exit()).isEqualTo(2);
    }

    private static void git(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}

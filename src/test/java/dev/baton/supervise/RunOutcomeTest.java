package dev.baton.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.app.RunOptions;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton run} as a child process: how the command's exit turns into the task's next transition, what the command
 * sees, and the output kept per attempt.
 */
class RunOutcomeTest {

    @TempDir
    Path tmp;

    /** Writes what it sees to $1, leaves a new file and a handoff, exits 0. */
    private static final String SUCCEEDS = """
            set -e
            env | grep '^BATON_' | sort > "$1"
            echo "CWD=$(pwd -P)" >> "$1"
            if [ -f TASK.md ]; then echo "TASK_MD=$(head -n 1 TASK.md)" >> "$1"; fi
            echo "made by the agent" > work.txt
            printf '## Summary\\nwrote work.txt\\n\\n## Next step\\nreview work.txt\\n' > "$BATON_WORKTREE/.baton-handoff.md"
            echo "agent finished"
            """;

    /** Says which epoch it runs at, on stdout and stderr, and exits 3. */
    private static final String FAILS = """
            echo "attempt at epoch=$BATON_EPOCH trace=$BATON_TRACE"
            echo "oops at epoch=$BATON_EPOCH" >&2
            exit 3
            """;

    @Test
    void exitZeroCommitsTheLeftoversAndIsDoneWithTheHandoffFromTheFile() throws Exception {
        try (Baton b = Baton.create(tmp)) {
            String id = b.spawn("write a file");
            Path seen = b.file("seen.env");
            String agent = b.script("succeeds.sh", SUCCEEDS);

            Run r = b.run("agent-a", "run", id, "--", agent, seen.toString());

            assertThat(r.exit()).as("%s", r).isZero();
            assertThat(r.out()).contains("agent finished").contains(id + " is IN_REVIEW");

            // what the command saw
            Map<String, String> env = parseEnv(TempRepo.read(seen));
            assertThat(env).containsEntry("BATON_TASK", id).containsEntry("BATON_EPOCH", "1")
                    .containsEntry("BATON_AGENT", "agent-a").containsEntry("BATON_TRACE", "run-" + id + "-1")
                    .containsEntry("TASK_MD", "# " + id + ": write a file");
            Path worktree = Path.of(env.get("BATON_WORKTREE"));
            assertThat(worktree).isAbsolute();
            assertThat(env.get("CWD")).isEqualTo(worktree.toRealPath().toString());
            assertThat(worktree.toRealPath()).startsWith(b.repo().defaultWorktreeRoot().toRealPath());

            // the task: IN_REVIEW with the agent's handoff
            Task t = b.task(id);
            assertThat(t.state()).isEqualTo(TaskState.IN_REVIEW);
            assertThat(t.handoff().summary()).isEqualTo("wrote work.txt");
            assertThat(t.handoff().next()).isEqualTo("review work.txt");
            assertThat(b.history(id)).containsExactly("spawn", "start", "done");

            // the leftover file is committed on the task branch; the handoff file is consumed, not committed
            assertThat(TempRepo.gitIn(worktree, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("task/" + id);
            assertThat(TempRepo.gitIn(worktree, "status", "--porcelain").strip()).isEmpty();
            assertThat(b.repo().git("show", "task/" + id + ":work.txt")).isEqualTo("made by the agent\n");
            assertThat(b.repo().git("diff", "--name-only", "main", "task/" + id).lines().toList())
                    .containsExactly("work.txt");
            assertThat(b.repo().git("log", "-1", "--format=%an", "task/" + id).strip()).isEqualTo("agent-a");
            assertThat(worktree.resolve(".baton-handoff.md")).doesNotExist();
        }
    }

    @Test
    void nonZeroExitFailsAndRequeuesWithBackoffUntilTheAttemptsRunOut() {
        try (Baton b = Baton.create(tmp)) {
            b.repo().git("config", "baton.maxAttempts", "2");
            String id = b.spawn("always fails");
            String agent = b.script("fails.sh", FAILS);

            // attempt 1: FAILED, then QUEUED again for attempt 2, not before the backoff has passed
            Run first = b.run("agent-a", "run", id, "--backoff", "2s", "--", agent);
            assertThat(first.exit()).as("%s", first).isEqualTo(1);
            assertThat(first.out()).contains("attempt at epoch=1 trace=run-" + id + "-1").contains("oops at epoch=1");
            assertThat(first.err()).contains("the command exited with 3").contains("queued again for attempt 2");

            Task queued = b.task(id);
            assertThat(queued.state()).isEqualTo(TaskState.QUEUED);
            assertThat(queued.attempt()).isEqualTo(2);
            assertThat(queued.assignee()).isNull();
            assertThat(queued.notBefore()).isEqualTo(queued.updatedAt().plusSeconds(2));
            assertThat(b.history(id)).containsExactly("spawn", "start", "fail", "retry");
            // ready skips it until notBefore (judged on clocks set to those moments, not on the wall clock)
            assertThat(readyAt(b, queued.updatedAt())).doesNotContain(id);
            assertThat(readyAt(b, queued.notBefore().minusMillis(1))).doesNotContain(id);
            assertThat(readyAt(b, queued.notBefore())).contains(id);

            // attempt 2, once the backoff is over: FAILED for good (baton.maxAttempts is 2)
            Baton.await(id + " ready again", () -> readyAt(b, null).contains(id));
            Run second = b.run("agent-a", "run", id, "--backoff", "2s", "--", agent);
            assertThat(second.exit()).as("%s", second).isEqualTo(1);
            assertThat(second.out()).contains("attempt at epoch=2 trace=run-" + id + "-2");
            assertThat(second.err()).contains("the command exited with 3").contains("FAILED after 2 attempt(s)");

            Task failed = b.task(id);
            assertThat(failed.state()).isEqualTo(TaskState.FAILED);
            assertThat(failed.attempt()).isEqualTo(2);
            assertThat(failed.reason()).isEqualTo("the command exited with 3");
            assertThat(failed.handoff().blockers()).contains("last output:").contains("oops at epoch=2");
            assertThat(b.history(id)).containsExactly("spawn", "start", "fail", "retry", "start", "fail");

            // the output of each attempt is kept apart
            Run log1 = b.inProcess("agent-a", "logs", id, "--attempt", "1");
            assertThat(log1.exit()).as("%s", log1).isZero();
            assertThat(log1.out()).contains("attempt at epoch=1").contains("oops at epoch=1").doesNotContain("epoch=2");
            Run log2 = b.inProcess("agent-a", "logs", id, "--attempt", "2");
            assertThat(log2.exit()).as("%s", log2).isZero();
            assertThat(log2.out()).contains("attempt at epoch=2").contains("oops at epoch=2").doesNotContain("epoch=1");
            assertThat(b.inProcess("agent-a", "logs", id).out()).as("the latest attempt by default")
                    .isEqualTo(log2.out());
            Run none = b.inProcess("agent-a", "logs", id, "--attempt", "3");
            assertThat(none.exit()).isEqualTo(2);
            assertThat(none.err()).contains("no log of attempt 3");
        }
    }

    @Test
    void noCommitRefusesWhenTheCommandLeavesChangesAndTheTaskStaysWorkingUntilARunResumesIt() throws Exception {
        try (Baton b = Baton.create(tmp)) {
            String id = b.spawn("leaves a mess");
            Path seen = b.file("seen.env");
            String agent = b.script("leaves.sh", """
                    echo "$BATON_WORKTREE" > "$1"
                    echo "not committed" > leftover.txt
                    echo "first run at epoch $BATON_EPOCH"
                    """);

            Run r = b.run("agent-a", "run", id, "--no-commit", "--", agent, seen.toString());

            assertThat(r.exit()).as("%s", r).isEqualTo(1);
            assertThat(r.err()).contains("uncommitted changes").contains("committing is off");
            Task t = b.task(id);
            assertThat(t.state()).isEqualTo(TaskState.WORKING);
            assertThat(t.assignee()).isEqualTo("agent-a");
            assertThat(b.history(id)).containsExactly("spawn", "start");
            Path worktree = Path.of(TempRepo.read(seen).strip());
            assertThat(TempRepo.gitIn(worktree, "status", "--porcelain")).contains("?? leftover.txt");
            assertThat(b.repo().git("diff", "--name-only", "main", "task/" + id).strip()).isEmpty();

            // run again (committing this time): the WORKING task is resumed in the same attempt, the leftover committed
            Run again = b.run("agent-a", "run", id, "--", b.script("resumes.sh", """
                    echo "second run at epoch $BATON_EPOCH"
                    """));
            assertThat(again.exit()).as("%s", again).isZero();
            Task done = b.task(id);
            assertThat(done.state()).isEqualTo(TaskState.IN_REVIEW);
            assertThat(done.attempt()).isEqualTo(1);
            assertThat(b.history(id)).containsExactly("spawn", "start", "done");
            assertThat(b.repo().git("diff", "--name-only", "main", "task/" + id).strip()).isEqualTo("leftover.txt");
            // both runs of attempt 1 are in its log
            assertThat(b.inProcess("agent-a", "logs", id, "--attempt", "1").out())
                    .contains("first run at epoch 1").contains("second run at epoch 1");
        }
    }

    @Test
    void backoffDoublesPerAttemptUpToACap() {
        RunOptions o = new RunOptions(List.of("true"), null, null, null, true, Duration.ofSeconds(2));
        assertThat(List.of(o.backoffAfter(1), o.backoffAfter(2), o.backoffAfter(3), o.backoffAfter(4)))
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                        Duration.ofSeconds(16));
        assertThat(o.backoffAfter(30)).isEqualTo(RunOptions.MAX_BACKOFF);
        assertThat(new RunOptions(List.of("true"), null, null, null, true, null).backoffAfter(1))
                .isEqualTo(RunOptions.DEFAULT_BACKOFF);
    }

    /** The ids in the ready queue on a clock stopped at {@code at} (null: the system clock). */
    private static List<String> readyAt(Baton b, java.time.Instant at) {
        Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC);
        try (Session c = b.repo().session("reader", clock)) {
            return c.board().ready(null).stream().map(Task::id).toList();
        }
    }

    private static Map<String, String> parseEnv(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }
}

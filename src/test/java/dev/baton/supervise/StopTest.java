package dev.baton.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton run} stopping the command: at the attempt's timeout, with SIGKILL when SIGTERM is ignored, and when the
 * task is taken away from another process while the command runs.
 */
class StopTest {

    @TempDir
    Path tmp;

    /** Records its pid in $1, then becomes {@code sleep 60}. */
    private static final String SLEEPS = """
            echo $$ > "$1"
            echo "going to sleep"
            exec sleep 60
            """;

    @Test
    void aCommandThatRunsPastTheTimeoutIsStoppedAndTheAttemptFails() {
        try (Baton b = Baton.create(tmp)) {
            b.repo().git("config", "baton.maxAttempts", "1");
            String id = b.spawn("sleeps too long");
            Path pid = b.file("sleep.pid");

            Run r = b.run("agent-a", "run", id, "--timeout", "2s", "--grace", "5s", "--",
                    b.script("sleeps.sh", SLEEPS), pid.toString());

            assertThat(r.exit()).as("%s", r).isEqualTo(1);
            assertThat(r.out()).contains("going to sleep");
            assertThat(r.err()).contains("timed out after 2s").contains("FAILED after 1 attempt(s)");
            Baton.assertGone(Long.parseLong(TempRepo.read(pid).strip()), "the timed-out sleep");
            Task t = b.task(id);
            assertThat(t.state()).isEqualTo(TaskState.FAILED);
            assertThat(t.reason()).isEqualTo("timed out after 2s");
            assertThat(b.history(id)).containsExactly("spawn", "start", "fail");
        }
    }

    @Test
    void aCommandThatIgnoresSigtermIsKilledAfterTheGracePeriod() {
        try (Baton b = Baton.create(tmp)) {
            b.repo().git("config", "baton.maxAttempts", "1");
            String id = b.spawn("ignores TERM");
            Path pids = b.file("stubborn.pid");
            // the shell and its sleep both ignore SIGTERM (an ignored signal stays ignored across fork and exec)
            String agent = b.script("stubborn.sh", """
                    trap '' TERM
                    echo $$ > "$1"
                    sleep 60 &
                    echo $! >> "$1"
                    echo "ignoring TERM"
                    wait
                    echo "still here after wait"
                    sleep 60
                    """);

            Run r = b.run("agent-a", "run", id, "--timeout", "2s", "--grace", "1s", "--", agent,
                    pids.toString());

            assertThat(r.exit()).as("%s", r).isEqualTo(1);
            assertThat(r.err()).contains("timed out after 2s");
            assertThat(r.out()).contains("ignoring TERM").doesNotContain("still here after wait");
            List<String> recorded = TempRepo.read(pids).lines().toList();
            assertThat(recorded).hasSize(2);
            Baton.assertGone(Long.parseLong(recorded.get(0).strip()), "the shell that ignores SIGTERM");
            Baton.assertGone(Long.parseLong(recorded.get(1).strip()), "its sleep that ignores SIGTERM");
            Task t = b.task(id);
            assertThat(t.state()).isEqualTo(TaskState.FAILED);
            assertThat(t.reason()).isEqualTo("timed out after 2s");
        }
    }

    @Test
    void losingTheLeaseToARequeueFromAnotherProcessStopsTheCommand() {
        try (Baton b = Baton.create(tmp)) {
            String id = b.spawn("taken back");
            Path pid = b.file("agent.pid");
            String agent = b.script("sleeps.sh", SLEEPS);

            Processes.Child run = b.start("agent-a", "run", id, "--lease", "2s", "--grace", "2s", "--", agent,
                    pid.toString());
            long agentPid = b.awaitPid(pid, run);
            assertThat(b.task(id).state()).isEqualTo(TaskState.WORKING);

            // the same agent, from a second process, hands epoch 1 back: the running attempt no longer holds it
            Run requeue = b.run("agent-a", "requeue", id, "--epoch", "1", "--summary", "taken back");
            assertThat(requeue.exit()).as("%s", requeue).isZero();

            Run r = run.await();
            assertThat(r.exit()).as("%s", r).isEqualTo(1);
            assertThat(r.err()).contains("lease lost").contains("no longer yours").contains("the command was stopped");
            Baton.assertGone(agentPid, "the agent whose lease was lost");
            Task t = b.task(id);
            assertThat(t.state()).isEqualTo(TaskState.QUEUED);
            assertThat(t.epoch()).isEqualTo(2);
            assertThat(t.handoff().summary()).isEqualTo("taken back");
            // the stopped attempt wrote nothing after losing the task
            assertThat(b.history(id)).containsExactly("spawn", "start", "requeue");
        }
    }

    @Test
    void cancellingTheTaskFromAnotherProcessStopsTheCommand() {
        try (Baton b = Baton.create(tmp)) {
            String id = b.spawn("no longer wanted");
            Path pid = b.file("agent.pid");
            String agent = b.script("sleeps.sh", SLEEPS);

            Processes.Child run = b.start("agent-a", "run", id, "--lease", "2s", "--grace", "2s", "--", agent,
                    pid.toString());
            long agentPid = b.awaitPid(pid, run);

            Run cancel = b.run("lead", "cancel", id, "--reason", "not needed");
            assertThat(cancel.exit()).as("%s", cancel).isZero();

            Run r = run.await();
            assertThat(r.exit()).as("%s", r).isEqualTo(1);
            assertThat(r.err()).contains(id + " is CANCELLED now").contains("the command was stopped");
            Baton.assertGone(agentPid, "the agent of the cancelled task");
            assertThat(b.task(id).state()).isEqualTo(TaskState.CANCELLED);
            assertThat(b.history(id)).containsExactly("spawn", "start", "cancel");
        }
    }
}

package dev.baton.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.Signals;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT to the baton JVM) while {@code baton run} supervises a command: the task goes back to the queue. */
class InterruptTest {

    @TempDir
    Path tmp;

    @Test
    void sigintStopsTheCommandAndHandsTheTaskBackWithExit130() {
        try (Baton b = Baton.create(tmp)) {
            String id = b.spawn("interrupted midway");
            Path pid = b.file("agent.pid");
            String agent = b.script("sleeps.sh", """
                    echo $$ > "$1"
                    echo "agent started"
                    exec sleep 120
                    """);

            Processes.Child run = b.startInterruptible("agent-a", "run", id, "--grace", "2s", "--", agent,
                    pid.toString());
            long agentPid = b.awaitPid(pid, run);
            assertThat(Signals.ignores(run.pid(), Signals.SIGINT))
                    .as("the baton JVM ignores SIGINT, so a Ctrl-C cannot reach it (SigIgn of /proc/%d/status)",
                            run.pid())
                    .isFalse();
            // the output pump has the agent's first line once the log file holds it
            Baton.await("the agent's first line in the output", () -> run.stdout().contains("agent started"));

            Run kill = b.os("kill", "-INT", Long.toString(run.pid()));
            assertThat(kill.exit()).as("%s", kill).isZero();

            Run r = run.await();
            assertThat(r.exit()).as("%s", r).isEqualTo(130);
            assertThat(r.err()).contains("interrupted").contains(id + " handed back to the queue");
            Baton.assertGone(agentPid, "the interrupted agent");

            Task t = b.task(id);
            assertThat(t.state()).isEqualTo(TaskState.QUEUED);
            assertThat(t.epoch()).isEqualTo(2);
            assertThat(t.attempt()).isEqualTo(2);
            assertThat(t.assignee()).isNull();
            assertThat(t.handoff().summary()).contains("interrupted").contains("task/" + id);
            assertThat(t.handoff().remains()).contains("agent started");
            assertThat(b.history(id)).containsExactly("spawn", "start", "requeue");
        }
    }

}

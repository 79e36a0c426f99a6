package dev.baton.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.core.TaskState;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton work} takes up work that review sent back to its agent before claiming anything new: the rejected task
 * is WORKING with the same owner and epoch, so only that agent's worker can do it, and nobody reaps it.
 */
class WorkReworkTest {

    @TempDir
    Path tmp;

    @Test
    void aRejectedTaskIsRunAgainByItsOwnersWorkerWithTheReasonInTaskMd() {
        try (Baton b = Baton.create(tmp)) {
            String id = b.spawn("write the answer");
            Path runs = b.file("runs.txt");
            String agent = b.script("answer.sh", """
                    echo "$BATON_TASK $BATON_EPOCH" >> "$1"
                    if grep -q 'say why' TASK.md; then echo "42, because" > answer.txt; else echo 42 > answer.txt; fi
                    """);

            Processes.Child worker = b.start("w1", "work", "--agent", "w1", "--idle-exit", "20s", "--", agent,
                    runs.toString());
            Baton.await("the first run to reach review", () -> b.task(id).state() == TaskState.IN_REVIEW);
            try (Session reviewer = b.repo().session("reviewer")) {
                reviewer.transitions().reject(id, "say why", Duration.ofMinutes(5));
            }
            Baton.await("the rework to reach review", () -> b.task(id).state() == TaskState.IN_REVIEW
                    && TempRepo.read(runs).lines().count() == 2);
            b.os("kill", "-TERM", Long.toString(worker.pid()));
            Run r = worker.await();

            assertThat(r.out()).as("%s", r).contains("back to " + id + " write the answer, WORKING with me: say why");
            assertThat(TempRepo.read(runs).lines().toList()).containsExactly(id + " 1", id + " 1");
            assertThat(b.history(id)).containsExactly("spawn", "claim", "start", "done", "reject", "done");
            assertThat(b.task(id).assignee()).isEqualTo("w1");
            assertThat(b.repo().git("show", "task/" + id + ":answer.txt")).isEqualTo("42, because\n");
        }
    }
}

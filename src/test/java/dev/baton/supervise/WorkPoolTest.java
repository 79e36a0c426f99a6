package dev.baton.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code baton work} processes on one queue form a pool: every task is run once, and all end IN_REVIEW. */
class WorkPoolTest {

    private static final int TASKS = 6;

    @TempDir
    Path tmp;

    @Test
    void twoWorkersRunEachTaskExactlyOnce() {
        try (Baton b = Baton.create(tmp)) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= TASKS; i++) {
                ids.add(b.spawn("job " + i));
            }
            Path runs = b.file("runs.txt");
            String agent = b.script("job.sh", """
                    echo "$BATON_TASK $BATON_AGENT $BATON_EPOCH" >> "$1"
                    echo "$BATON_AGENT was here" > "out-$BATON_TASK.txt"
                    sleep 0.2
                    """);

            Processes.Child w1 = b.start("w1", "work", "--agent", "w1", "--idle-exit", "3s", "--", agent,
                    runs.toString());
            Processes.Child w2 = b.start("w2", "work", "--agent", "w2", "--idle-exit", "3s", "--", agent,
                    runs.toString());
            Run r1 = w1.await();
            Run r2 = w2.await();
            assertThat(r1.exit()).as("w1: %s", r1).isZero();
            assertThat(r2.exit()).as("w2: %s", r2).isZero();
            assertThat(r1.out()).contains("nothing ready for 3s; stopping");
            assertThat(r2.out()).contains("nothing ready for 3s; stopping");
            assertThat(ran(r1.out()) + ran(r2.out())).as("tasks the two workers say they ran\n%s\n%s", r1, r2)
                    .isEqualTo(TASKS);

            // the command ran once per task, as the worker that held it
            List<String> lines = TempRepo.read(runs).lines().toList();
            assertThat(lines).hasSize(TASKS);
            List<String> runIds = lines.stream().map(l -> l.split(" ")[0]).toList();
            assertThat(runIds).containsExactlyInAnyOrderElementsOf(ids);

            for (String id : ids) {
                Task t = b.task(id);
                assertThat(t.state()).as(id).isEqualTo(TaskState.IN_REVIEW);
                assertThat(t.assignee()).as(id).isIn("w1", "w2");
                assertThat(lines).as(id).contains(id + " " + t.assignee() + " " + t.epoch());
                List<String> history = b.history(id);
                assertThat(history).as("board history of %s", id).containsExactly("spawn", "claim", "start", "done");
                assertThat(Collections.frequency(history, "start")).isEqualTo(1);
                assertThat(b.repo().git("show", "task/" + id + ":out-" + id + ".txt"))
                        .isEqualTo(t.assignee() + " was here\n");
            }
        }
    }

    /** N in the worker's closing line "w1: ran N task(s): ...". */
    private static int ran(String out) {
        var m = java.util.regex.Pattern.compile(": ran (\\d+) task\\(s\\)").matcher(out);
        assertThat(m.find()).as("a summary line in %s", out).isTrue();
        return Integer.parseInt(m.group(1));
    }
}

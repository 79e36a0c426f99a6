package dev.baton.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.store.LoggedEvent;
import dev.baton.app.TaskFilter;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.ChildProcesses;
import dev.baton.testing.Cli;
import dev.baton.testing.Lines;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real processes drain a queue of 40 tasks with claim --next, start and done: every task is claimed exactly
 * once, all end IN_REVIEW, and the history replays clean.
 */
class DrainTest {

    static final int PROCESSES = 4;
    static final int TASKS = 40;

    @TempDir
    Path tmp;

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    Processes children;

    @Test
    void fourProcessesDrainFortyTasksWithoutADuplicateClaim() {
        TempRepo repo = TempRepo.create(tmp);
        children = processes.logsIn(tmp.resolve("logs"));
        Set<String> spawned = new HashSet<>();
        Cli.ok(repo.dir(), "boss", "init");
        for (int i = 0; i < TASKS; i++) {
            spawned.add(Cli.ok(repo.dir(), "boss", "spawn", "drain " + i, "--priority",
                    Integer.toString(i % 5), "--base", "main"));
        }
        assertThat(spawned).hasSize(TASKS);

        Path go = tmp.resolve("go");
        List<Path> results = new ArrayList<>();
        List<Processes.Child> workers = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            Path result = tmp.resolve("drain-" + i + ".tsv");
            results.add(result);
            workers.add(children.startMain(DrainWorker.class, "drainer-" + i, repo.dir().toString(), "agent-" + i,
                    go.toString(), result.toString()));
        }
        TempRepo.touchAtomically(go, "");
        for (Processes.Child w : workers) {
            Run r = w.await(Duration.ofSeconds(600));
            assertThat(r.exit()).as("drainer: %s", r).isZero();
        }

        Map<String, String> claimedBy = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < PROCESSES; i++) {
            List<String> lines = Lines.read(results.get(i));
            assertThat(lines).as("drainer %d ends because nothing is ready", i).isNotEmpty().last().isEqualTo("EMPTY");
            for (String line : lines) {
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "CLAIMED" -> {
                        assertThat(f[2]).as("epoch of the first claim of %s", f[1]).isEqualTo("1");
                        String before = claimedBy.put(f[1], "agent-" + i);
                        if (before != null) {
                            duplicates.add(f[1] + " by " + before + " and agent-" + i);
                        }
                    }
                    case "DONE" -> done++;
                    case "EMPTY" -> { }
                    default -> errors.add("agent-" + i + ": " + line);
                }
            }
        }
        assertThat(errors).isEmpty();
        assertThat(duplicates).isEmpty();
        assertThat(claimedBy.keySet()).isEqualTo(spawned);
        assertThat(done).isEqualTo(TASKS);

        try (Session reader = repo.session("reader", Workers.CLOCK)) {
            // the board's own history: one claim per task, by the process that says it won it
            Map<String, List<String>> claims = new HashMap<>();
            for (LoggedEvent e : reader.board().log(null, 0)) {
                if (e.event() != null && e.event().command().name().equals("claim")) {
                    claims.computeIfAbsent(e.event().taskId(), k -> new ArrayList<>()).add(e.event().actor());
                }
            }
            assertThat(claims.keySet()).isEqualTo(spawned);
            claims.forEach((id, who) -> assertThat(who).as("claims of %s", id).containsExactly(claimedBy.get(id)));

            List<Task> inReview = reader.board().list(new TaskFilter(TaskState.IN_REVIEW, null, null));
            assertThat(inReview).hasSize(TASKS);
            assertThat(inReview).allSatisfy(t -> {
                assertThat(t.assignee()).isEqualTo(claimedBy.get(t.id()));
                assertThat(t.epoch()).isEqualTo(1);
            });
            assertThat(reader.board().open()).hasSize(TASKS);
        }
        Run fsck = children.baton(repo.dir(), "checker", "fsck");
        assertThat(fsck.exit()).as("baton fsck: %s", fsck).isZero();
        assertThat(fsck.out()).contains("board clean");
    }
}

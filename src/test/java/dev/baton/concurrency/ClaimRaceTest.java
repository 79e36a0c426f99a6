package dev.baton.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.store.LoggedEvent;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.ChildProcesses;
import dev.baton.testing.Cli;
import dev.baton.testing.Lines;
import dev.baton.testing.Poll;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight real processes race to claim the same task, twenty times over: each round has exactly one winner and seven
 * refusals naming it, and the board agrees.
 */
class ClaimRaceTest {

    static final int PROCESSES = 8;
    static final int ROUNDS = 20;

    @TempDir
    Path tmp;

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    Processes children;

    @Test
    void eightProcessesRacingForOneTaskAlwaysGiveExactlyOneWinner() throws Exception {
        TempRepo repo = TempRepo.create(tmp);
        children = processes.logsIn(tmp.resolve("logs"));
        List<String> ids = new ArrayList<>();
        Cli.ok(repo.dir(), "boss", "init");
        for (int r = 0; r < ROUNDS; r++) {
            ids.add(Cli.ok(repo.dir(), "boss", "spawn", "race " + r));
        }
        Path idsFile = tmp.resolve("ids.txt");
        Files.write(idsFile, ids);
        Path signals = Files.createDirectories(tmp.resolve("signals"));

        List<Path> results = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            Path result = tmp.resolve("result-" + i + ".tsv");
            results.add(result);
            children.startMain(RaceWorker.class, "racer-" + i, repo.dir().toString(), "agent-" + i,
                    idsFile.toString(), signals.toString(), result.toString());
        }
        Poll.await("all racers to be ready", Duration.ofSeconds(300), () -> countReady(signals) == PROCESSES);

        for (int r = 0; r < ROUNDS; r++) {
            TempRepo.touchAtomically(signals.resolve("go-" + r), "");
            int round = r;
            Poll.await("every racer to report round " + r, Duration.ofSeconds(180),
                    () -> results.stream().allMatch(f -> Lines.read(f).size() > round));
        }

        try (Session reader = repo.session("reader", Workers.CLOCK)) {
            for (int r = 0; r < ROUNDS; r++) {
                String id = ids.get(r);
                List<String> winners = new ArrayList<>();
                List<String> refusals = new ArrayList<>();
                List<String> other = new ArrayList<>();
                for (int i = 0; i < PROCESSES; i++) {
                    String line = Lines.read(results.get(i)).get(r);
                    String[] f = line.split("\t");
                    assertThat(f[0]).as("round of line %s", line).isEqualTo(Integer.toString(r));
                    switch (f[1]) {
                        case "WON" -> {
                            assertThat(f[2]).isEqualTo("agent-" + i);
                            assertThat(f[3]).as("winner's epoch").isEqualTo("1");
                            winners.add(f[2]);
                        }
                        case "REFUSED" -> refusals.add(f[2]);
                        default -> other.add("agent-" + i + ": " + line);
                    }
                }
                assertThat(other).as("round %d: errors", r).isEmpty();
                assertThat(winners).as("round %d: winners", r).hasSize(1);
                String winner = winners.get(0);
                assertThat(refusals).as("round %d: refusals", r).hasSize(PROCESSES - 1)
                        .allSatisfy(m -> assertThat(m).isEqualTo(id + " is already claimed by " + winner + " (epoch 1)"));

                Task t = reader.board().task(id);
                assertThat(t.state()).isEqualTo(TaskState.ASSIGNED);
                assertThat(t.assignee()).isEqualTo(winner);
                assertThat(t.epoch()).isEqualTo(1);
                List<LoggedEvent> events = reader.board().log(id, 0);
                assertThat(events).as("round %d: the board's history of %s", r, id).hasSize(2);
                assertThat(events.get(0).event().actor()).isEqualTo(winner);
            }
            // init, the spawns and one claim per round: no losing write landed anywhere
            assertThat(reader.board().log(null, 0)).hasSize(1 + 2 * ROUNDS);
        }
        Run fsck = children.baton(repo.dir(), "checker", "fsck");
        assertThat(fsck.exit()).as("baton fsck: %s", fsck).isZero();
    }

    private static long countReady(Path signals) {
        try (var files = Files.list(signals)) {
            return files.filter(p -> p.getFileName().toString().startsWith("ready-")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.baton.concurrency;

import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.core.Task;
import dev.baton.testing.Lines;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One contender of {@link ClaimRaceTest}, in its own JVM: for each round it waits for the round's start file, claims
 * that round's task and appends what happened to its result file:
 * {@code <round>\tWON\t<assignee>\t<epoch>}, {@code <round>\tREFUSED\t<message>} or {@code <round>\tERROR\t<what>}.
 *
 * <p>Arguments: repository, agent, file of task ids (one a line, one per round), signal folder, result file.
 */
public final class RaceWorker {

    public static void main(String[] args) throws Exception {
        String repo = args[0];
        String agent = args[1];
        List<String> ids = Files.readAllLines(Path.of(args[2]));
        Path signals = Path.of(args[3]);
        Path results = Path.of(args[4]);
        try (Session c = Workers.session(repo, agent)) {
            c.board().task(ids.get(0)); // warm up: load classes, open the repository, read the board once
            TempRepo.touchAtomically(signals.resolve("ready-" + agent), "");
            for (int round = 0; round < ids.size(); round++) {
                TempRepo.awaitFile(signals.resolve("go-" + round), Duration.ofMinutes(10));
                try {
                    Task t = c.transitions().claim(ids.get(round), Duration.ofMinutes(15));
                    Lines.append(results, round, "WON", t.assignee(), t.epoch());
                } catch (BatonException.RejectedException e) {
                    Lines.append(results, round, "REFUSED", e.getMessage());
                } catch (RuntimeException e) {
                    Lines.append(results, round, "ERROR", e);
                }
            }
        }
        System.exit(0);
    }
}

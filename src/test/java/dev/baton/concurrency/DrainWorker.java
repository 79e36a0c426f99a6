package dev.baton.concurrency;

import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.core.Handoff;
import dev.baton.core.Task;
import dev.baton.testing.Lines;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One drainer of {@link DrainTest}, in its own JVM: claims the next task, starts it (which gives it a worktree) and
 * hands it in, until nothing is ready. Appends {@code CLAIMED\t<id>\t<epoch>}, {@code DONE\t<id>},
 * {@code ERROR\t<what>} and finally {@code EMPTY} to its result file.
 *
 * <p>Arguments: repository, agent, start file, result file.
 */
public final class DrainWorker {

    public static void main(String[] args) throws Exception {
        String repo = args[0];
        String agent = args[1];
        Path go = Path.of(args[2]);
        Path results = Path.of(args[3]);
        try (Session c = Workers.session(repo, agent)) {
            c.board().open(); // warm up
            TempRepo.awaitFile(go, Duration.ofMinutes(10));
            int errors = 0;
            while (errors < 20) {
                Task t;
                try {
                    t = c.transitions().claimNext(null, Duration.ofMinutes(15));
                } catch (BatonException.RejectedException e) {
                    if (e.getMessage().startsWith("nothing ready")) {
                        break;
                    }
                    Lines.append(results, "ERROR", "claim --next refused: " + e.getMessage());
                    errors++;
                    continue;
                } catch (RuntimeException e) {
                    Lines.append(results, "ERROR", "claim --next: " + e);
                    errors++;
                    continue;
                }
                Lines.append(results, "CLAIMED", t.id(), t.epoch());
                try {
                    c.transitions().start(t.id(), t.epoch(), null);
                    c.transitions().done(t.id(), t.epoch(), Handoff.summary("drained by " + agent));
                    Lines.append(results, "DONE", t.id());
                } catch (RuntimeException e) {
                    Lines.append(results, "ERROR", t.id() + ": " + e);
                    errors++;
                }
            }
            Lines.append(results, "EMPTY");
        }
        System.exit(0);
    }
}

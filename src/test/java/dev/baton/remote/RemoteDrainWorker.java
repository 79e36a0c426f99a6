package dev.baton.remote;

import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.app.Repositories;
import dev.baton.core.Task;
import dev.baton.testing.Lines;
import dev.baton.testing.Poll;
import dev.baton.testing.TempRepo;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * One clone's drainer, in a JVM of its own: {@code claim --next} in a loop (one session, as a long-running agent
 * keeps one) until nothing is ready. Appends to its result file, one line per attempt:
 * {@code CLAIMED <id> <epoch>}, {@code REFUSED <message>} (exit 1 other than "nothing ready"),
 * {@code ERROR <exit code> <message>} (after which it pauses a little and tries again: the remote may be down), and
 * at the end {@code EMPTY}, or {@code TIMEOUT} when its time ran out first.
 *
 * <p>Arguments: clone folder, agent, start file, result file, seconds it may run.
 */
public final class RemoteDrainWorker {

    static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    public static void main(String[] args) {
        String clone = args[0];
        String agent = args[1];
        Path go = Path.of(args[2]);
        Path results = Path.of(args[3]);
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
        try (Session c = new Session(Repositories.open(new File(clone)), CLOCK, agent)) {
            c.board().open(); // warm up: load classes, fetch once
            TempRepo.awaitFile(go, Duration.ofMinutes(5));
            while (true) {
                if (System.nanoTime() - deadline > 0) {
                    Lines.append(results, "TIMEOUT");
                    break;
                }
                try {
                    Task t = c.transitions().claimNext(null, Duration.ofMinutes(30));
                    Lines.append(results, "CLAIMED", t.id(), t.epoch());
                } catch (BatonException.RejectedException e) {
                    if (e.getMessage().startsWith("nothing ready")) {
                        Lines.append(results, "EMPTY");
                        break;
                    }
                    Lines.append(results, "REFUSED", e.getMessage());
                    pause();
                } catch (BatonException e) {
                    Lines.append(results, "ERROR", e.exitCode().code(), e.getMessage());
                    pause();
                } catch (RuntimeException e) {
                    Lines.append(results, "ERROR", "crash", e);
                    pause();
                }
            }
        }
        System.exit(0);
    }

    private static void pause() {
        Poll.sleep(150);
    }
}

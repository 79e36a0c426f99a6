import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.app.Repositories;
import dev.baton.core.Task;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The Java side of bench/remote.sh: one agent's claim loop, in a JVM that stays up (as a supervised agent's does), so
 * that what is timed is the claim, not the JVM's start. Compiled once by remote.sh against the jar under test.
 *
 * <pre>
 * RemoteBench spawn &lt;repo&gt; &lt;n&gt;                       spawn n tasks in one batch (one board commit)
 * RemoteBench claim &lt;repo&gt; &lt;agent&gt; &lt;go&gt; &lt;out&gt; &lt;seconds&gt;  claim --next until nothing is ready
 * </pre>
 *
 * {@code claim} opens its session and reads the board once, waits for the file {@code go}, then claims until the
 * queue is empty or its time is up, and writes one line per claim to {@code out}: {@code <start ns> <end ns>} (from
 * {@code System.nanoTime}, which every JVM on the machine takes from the same monotonic clock), then
 * {@code END <errors>}. A claim that fails (contention beyond the write budget, the remote gone) counts as an error
 * and is tried again.
 */
public final class RemoteBench {

    static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "spawn" -> spawn(args[1], Integer.parseInt(args[2]));
            case "claim" -> claim(args[1], args[2], Path.of(args[3]), Path.of(args[4]), Long.parseLong(args[5]));
            default -> throw new IllegalArgumentException("spawn or claim, not " + args[0]);
        }
        System.exit(0);
    }

    static void spawn(String repo, int n) {
        try (Session c = new Session(Repositories.open(new File(repo)), CLOCK, "bench-boss")) {
            List<dev.baton.app.SpawnRequest> batch = IntStream.range(0, n).mapToObj(i -> new dev.baton.app.SpawnRequest(
                    "bench " + i, null, null, 2, List.of(), "main", null)).toList();
            System.out.println(c.transitions().spawnBatch(batch).size() + " tasks spawned");
        }
    }

    static void claim(String repo, String agent, Path go, Path out, long seconds) throws IOException {
        List<String> lines = new ArrayList<>();
        int errors = 0;
        try (Session c = new Session(Repositories.open(new File(repo)), CLOCK, agent)) {
            c.board().open();
            long waitUntil = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!Files.exists(go)) {
                if (System.nanoTime() - waitUntil > 0) {
                    throw new IllegalStateException("no go file after 5 minutes");
                }
                sleep(1);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() - deadline < 0 && errors < 50) {
                long start = System.nanoTime();
                try {
                    Task t = c.transitions().claimNext(null, Duration.ofHours(1));
                    lines.add(start + " " + System.nanoTime() + " " + t.id());
                } catch (BatonException.RejectedException e) {
                    if (e.getMessage().startsWith("nothing ready")) {
                        break;
                    }
                    errors++;
                } catch (BatonException e) {
                    System.err.println(agent + ": " + e.getMessage());
                    errors++;
                }
            }
        }
        lines.add("END " + errors);
        Files.writeString(out, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

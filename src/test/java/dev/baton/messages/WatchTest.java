package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.cli.Main;
import dev.baton.testing.Jvm;
import dev.baton.testing.Run;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton watch} prints what another process does to the board and the channels, as it lands. */
class WatchTest {

    @TempDir
    Path tmp;

    @Test
    void watchPrintsTransitionsAndMessagesFromAnotherProcess() throws Exception {
        Repo repo = Repo.withBoard(tmp);
        String before = repo.git("rev-parse", "refs/baton/board").strip();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread watch = new Thread(() -> exit.set(repo.batonTo(out, err, "--json", "watch", "--from", before,
                "--channels", "--count", "3", "--timeout", "120s")), "watch");
        watch.start();
        // wait until the watch is set up and idling between polls
        while (watch.getState() != Thread.State.TIMED_WAITING) {
            assertThat(watch.isAlive()).as("watch: %s", err).isTrue();
            Thread.sleep(5);
        }

        long latency1 = child(out, 1, "spawn", "Watched task", "--as", "lead");
        long latency2 = child(out, 2, "send", "#ops", "deploying", "--as", "lead");
        String id = Run.parse(lines(out).get(0)).get("task").asText();
        long latency3 = child(out, 3, "claim", id, "--as", "agent-a", "--trace", "t-1");
        watch.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(exit.get()).as("watch exit; stderr %s", err).isZero();
        System.out.printf("WatchTest: seen %d, %d, %d ms after the writing process ended%n", latency1, latency2, latency3);

        List<JsonNode> events = lines(out).stream().map(Run::parse).toList();
        assertThat(events).extracting(n -> n.get("type").asText()).containsExactly("transition", "message", "transition");
        assertThat(events.get(0).get("command").asText()).isEqualTo("spawn");
        assertThat(events.get(0).get("to").asText()).isEqualTo("QUEUED");
        assertThat(events.get(1).get("to").asText()).isEqualTo("#ops");
        assertThat(events.get(1).get("body").asText()).isEqualTo("deploying");
        assertThat(events.get(2).get("command").asText()).isEqualTo("claim");
        assertThat(events.get(2).get("actor").asText()).isEqualTo("agent-a");
        assertThat(events.get(2).get("trace").asText()).isEqualTo("t-1");
        assertThat(List.of(latency1, latency2, latency3)).allSatisfy(ms -> assertThat(ms).isLessThan(1_500));
    }

    @Test
    void watchWithoutFromStartsNowAndStopsAtItsTimeout() {
        Repo repo = Repo.withBoard(tmp);
        repo.spawn("Already there");
        Run r = repo.baton("watch", "--timeout", "1s");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(repo.baton("watch", "--from", "nonsense", "--count", "1").exit()).isEqualTo(2);
    }

    /** Runs baton in a child JVM; returns how long after it ended the watch printed its {@code n}th line. */
    private long child(StringWriter out, int n, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = tmp.resolve("repo").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        Process p = Jvm.process(Main.class, all).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(printed).isZero();
        long ended = System.nanoTime();
        while (lines(out).size() < n) {
            assertThat(System.nanoTime() - ended).as("line %d seen within 10 s", n).isLessThan(10_000_000_000L);
            Thread.sleep(2);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ended);
    }

    private static List<String> lines(StringWriter out) {
        String text = out.toString();
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList(); // whole lines only
    }
}

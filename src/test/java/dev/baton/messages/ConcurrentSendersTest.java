package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.core.Address;
import dev.baton.core.Message;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight real processes append 200 messages to one channel at once: none is lost, and there is one order. */
class ConcurrentSendersTest {

    private static final int PROCESSES = 8;
    private static final int EACH = 25;

    @TempDir
    Path tmp;

    @Test
    void eightProcessesSendTwoHundredMessagesAndAllLandInOneOrder() {
        Repo repo = Repo.withBoard(tmp);
        List<List<String>> args = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            args.add(List.of(repo.dir().toString(), "sender-" + p, Integer.toString(EACH)));
        }
        long start = System.nanoTime();
        List<Run> results = TempRepo.race(tmp.resolve("sync"), SendMany.class, args,
                Duration.ofSeconds(180));
        double seconds = (System.nanoTime() - start) / 1e9;
        for (int p = 0; p < PROCESSES; p++) {
            assertThat(results.get(p).exit()).as("child %d: %s", p, results.get(p).err()).isZero();
        }
        System.out.printf("ConcurrentSendersTest: %d messages from %d processes in %.2f s, JVM starts included%n",
                PROCESSES * EACH, PROCESSES, seconds);

        try (Session reader = repo.session("reader", Clock.systemUTC())) {
            List<Message> all = reader.messages().all(Address.channel("load"));
            assertThat(all).hasSize(PROCESSES * EACH);
            assertThat(new HashSet<>(all.stream().map(Message::body).toList())).hasSize(PROCESSES * EACH);
            // each sender's messages appear in the order it sent them
            Map<String, Integer> next = new HashMap<>();
            for (Message m : all) {
                String[] parts = m.body().split(" ");
                assertThat(m.from()).isEqualTo(parts[0]);
                int expected = next.getOrDefault(parts[0], 0);
                assertThat(Integer.parseInt(parts[1])).as("order of %s", parts[0]).isEqualTo(expected);
                next.put(parts[0], expected + 1);
            }
            // a second reader sees the same single order
            try (Session other = repo.session("other", Clock.systemUTC())) {
                assertThat(other.messages().read(Address.channel("load"), false, false).messages())
                        .extracting(Message::id).containsExactlyElementsOf(all.stream().map(Message::id).toList());
            }
        }
        assertThat(repo.git("rev-list", "--count", "refs/baton/channels/load").strip())
                .isEqualTo(Integer.toString(PROCESSES * EACH));
        repo.git("fsck", "--strict", "--no-dangling");
    }
}

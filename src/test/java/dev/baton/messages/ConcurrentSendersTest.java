package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Coordinator;
import dev.baton.core.Address;
import dev.baton.core.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight real processes append 1,000 messages to one channel at once: none is lost, and there is one order. */
class ConcurrentSendersTest {

    private static final int PROCESSES = 8;
    private static final int EACH = 125;

    @TempDir
    Path tmp;

    @Test
    void eightProcessesSendAThousandMessagesAndAllLandInOneOrder() throws Exception {
        Repo repo = Repo.withBoard(tmp);
        Path sync = Files.createDirectories(tmp.resolve("sync"));
        Path go = sync.resolve("go");
        List<Process> children = new ArrayList<>();
        try {
            for (int p = 0; p < PROCESSES; p++) {
                Path ready = sync.resolve("ready-" + p);
                children.add(Repo.java(SendMany.class, repo.dir().toString(), "sender-" + p, Integer.toString(EACH),
                        ready.toString(), go.toString())
                        .redirectOutput(sync.resolve("out-" + p).toFile())
                        .redirectError(sync.resolve("err-" + p).toFile()).start());
            }
            for (int p = 0; p < PROCESSES; p++) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.exists(sync.resolve("ready-" + p))) {
                    assertThat(children.get(p).isAlive()).as("child %d: %s", p,
                            Files.exists(sync.resolve("err-" + p)) ? Files.readString(sync.resolve("err-" + p)) : "")
                            .isTrue();
                    assertThat(System.nanoTime()).as("child %d ready in time", p).isLessThan(deadline);
                    Thread.sleep(5);
                }
            }
            long start = System.nanoTime();
            Files.writeString(go, "go");
            for (int p = 0; p < PROCESSES; p++) {
                assertThat(children.get(p).waitFor(180, TimeUnit.SECONDS)).as("child %d finished", p).isTrue();
                assertThat(children.get(p).exitValue()).as("child %d: %s", p,
                        Files.readString(sync.resolve("err-" + p))).isZero();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("ConcurrentSendersTest: %d messages from %d processes in %.2f s (%.0f appends/s)%n",
                    PROCESSES * EACH, PROCESSES, seconds, PROCESSES * EACH / seconds);
        } finally {
            children.forEach(Process::destroyForcibly);
        }

        try (Coordinator reader = repo.coordinator("reader", Clock.systemUTC())) {
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
            try (Coordinator other = repo.coordinator("other", Clock.systemUTC())) {
                assertThat(other.messages().read(Address.channel("load"), false, false).messages())
                        .extracting(Message::id).containsExactlyElementsOf(all.stream().map(Message::id).toList());
            }
        }
        assertThat(repo.git("rev-list", "--count", "refs/baton/channels/load").strip())
                .isEqualTo(Integer.toString(PROCESSES * EACH));
        repo.git("fsck", "--strict", "--no-dangling");
    }
}

package dev.baton.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.store.BoardLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight processes (child JVMs running baton's real entry point) spawn with the same idempotency key at the same moment,
 * after a start barrier: compare-and-swap lets exactly one of them create the task, and every other one, deciding again
 * on the board that now holds it, returns that task and writes nothing.
 */
class KeyedSpawnRaceTest {

    private static final int PROCESSES = 8;
    private static final int ROUNDS = 1;
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path tmp;

    record Result(String agent, int exit, String out, String err) {
    }

    @Test
    void eightProcessesSpawningWithOneKeyMakeExactlyOneTask() throws Exception {
        QueueRepo repo = QueueRepo.create(tmp);
        for (int round = 1; round <= ROUNDS; round++) {
            String tipBefore = repo.tip();
            int commitsBefore = repo.commits();
            String key = "race/round-" + round;
            String title = "Contended spawn " + round;

            List<Result> results = race(repo, round, key, title);

            List<String> ids = new ArrayList<>();
            List<String> creators = new ArrayList<>();
            for (Result r : results) {
                assertThat(r.exit()).as("%s", r).isZero();
                assertThat(r.err()).as("%s", r).isEmpty();
                assertThat(r.out().lines().toList()).as("%s", r).hasSize(1);
                JsonNode j = QueueRepo.parse(r.out().strip());
                ids.add(j.get("id").asText());
                assertThat(j.get("key").asText()).isEqualTo(key);
                assertThat(j.get("title").asText()).isEqualTo(title);
                if (j.get("created").asBoolean()) {
                    creators.add(r.agent());
                }
            }
            String id = ids.get(0);
            assertThat(id).matches("T-[0-9a-z]{8}");
            assertThat(ids).as("round %d: ids printed", round).containsOnly(id).hasSize(PROCESSES);
            assertThat(creators).as("round %d: processes that created the task", round).hasSize(1);
            String creator = creators.get(0);

            // exactly one spawn commit, straight on top of where the board was
            assertThat(repo.commits()).isEqualTo(commitsBefore + 1);
            assertThat(repo.git("rev-parse", BoardLayout.REF + "^").strip()).isEqualTo(tipBefore);
            assertThat(repo.git("log", "-1", "--format=%s", BoardLayout.REF).strip())
                    .isEqualTo("spawn " + id + " " + title + " (" + creator + ")");
            JsonNode task = repo.show(id);
            assertThat(task.get("createdBy").asText()).isEqualTo(creator);
            assertThat(task.get("state").asText()).isEqualTo("QUEUED");
            assertThat(repo.baton("--json", "list").ok().ndjson()).filteredOn(n -> n.get("key") != null
                    && n.get("key").asText().equals(key)).hasSize(1);
        }
        repo.assertFsckClean();
    }

    private List<Result> race(QueueRepo repo, int round, String key, String title) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("race-" + round));
        Path go = dir.resolve("go");
        List<Process> processes = new ArrayList<>();
        List<String> agents = new ArrayList<>();
        try {
            for (int i = 1; i <= PROCESSES; i++) {
                String agent = "agent-" + i;
                agents.add(agent);
                List<String> cmd = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-cp", System.getProperty("java.class.path"),
                        SpawnChild.class.getName(),
                        dir.resolve("ready-" + i).toString(), go.toString(),
                        "-C", repo.dir().toString(), "--json", "spawn", title, "--spec", "the same spec",
                        "--key", key, "--as", agent));
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.environment().remove("BATON_AGENT");
                pb.environment().put("GIT_TERMINAL_PROMPT", "0");
                pb.redirectOutput(dir.resolve("out-" + i).toFile());
                pb.redirectError(dir.resolve("err-" + i).toFile());
                processes.add(pb.start());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            for (int i = 1; i <= PROCESSES; i++) {
                while (!Files.exists(dir.resolve("ready-" + i))) {
                    Process p = processes.get(i - 1);
                    if (!p.isAlive()) {
                        throw new AssertionError("child " + i + " ended before the barrier, exit " + p.exitValue()
                                + ":\n" + read(dir.resolve("err-" + i)) + read(dir.resolve("out-" + i)));
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("child " + i + " not ready after " + TIMEOUT_SECONDS + " s");
                    }
                    Thread.sleep(5);
                }
            }
            Path goTmp = dir.resolve("go.tmp");
            Files.writeString(goTmp, "go\n");
            Files.move(goTmp, go, StandardCopyOption.ATOMIC_MOVE);

            List<Result> results = new ArrayList<>();
            for (int i = 1; i <= PROCESSES; i++) {
                Process p = processes.get(i - 1);
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("child " + i + " did not finish:\n" + read(dir.resolve("err-" + i)));
                }
                results.add(new Result(agents.get(i - 1), p.exitValue(), read(dir.resolve("out-" + i)),
                        read(dir.resolve("err-" + i))));
            }
            return results;
        } finally {
            for (Process p : processes) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

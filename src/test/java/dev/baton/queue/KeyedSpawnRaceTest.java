package dev.baton.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.store.BoardLayout;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void eightProcessesSpawningWithOneKeyMakeExactlyOneTask() {
        QueueRepo repo = QueueRepo.create(tmp);
        for (int round = 1; round <= ROUNDS; round++) {
            String tipBefore = repo.tip();
            int commitsBefore = repo.commits();
            String key = "race/round-" + round;
            String title = "Contended spawn " + round;

            List<Run> results = race(repo, round, key, title);

            List<String> ids = new ArrayList<>();
            List<String> creators = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                Run r = results.get(i);
                String agent = agent(i);
                assertThat(r.exit()).as("%s: %s", agent, r).isZero();
                assertThat(r.err()).as("%s: %s", agent, r).isEmpty();
                assertThat(r.out().lines().toList()).as("%s: %s", agent, r).hasSize(1);
                JsonNode j = Run.parse(r.out().strip());
                ids.add(j.get("id").asText());
                assertThat(j.get("key").asText()).isEqualTo(key);
                assertThat(j.get("title").asText()).isEqualTo(title);
                if (j.get("created").asBoolean()) {
                    creators.add(agent);
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

    /** The agent of the {@code i}-th process (from 0). */
    private static String agent(int i) {
        return "agent-" + (i + 1);
    }

    /** What each process printed, in the order of {@link #agent}. */
    private List<Run> race(QueueRepo repo, int round, String key, String title) {
        List<List<String>> args = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            args.add(List.of("-C", repo.dir().toString(), "--json", "spawn", title, "--spec", "the same spec",
                    "--key", key, "--as", agent(i)));
        }
        return TempRepo.race(tmp.resolve("race-" + round), SpawnChild.class, args,
                Duration.ofSeconds(TIMEOUT_SECONDS));
    }
}

package dev.baton.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.app.SpawnRequest;
import dev.baton.core.Task;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clones of one repository served by {@code git daemon} on loopback, with the server's validator installed,
 * drain a queue of 12 tasks with {@code claim --next} at the same time: 12 distinct claims, none twice, every clone's
 * board one the server has, and the server's board replays clean. Each push that reaches the server starts the
 * validator's JVM, and pushes that passed the lease together each pay for one before all but one lose at the ref's
 * lock: the queue is long enough for every clone to claim several times against the others, and no longer.
 */
class DaemonDrainTest {

    static final int CLONES = 3;
    static final int TASKS = 12;

    @TempDir
    Path tmp;

    GitServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void threeClonesDrainTwelveTasksThroughTheDaemon() {
        long start = System.nanoTime();
        server = GitServer.create(tmp, true);
        server.startDaemon();
        List<Path> clones = new ArrayList<>();
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < CLONES; i++) {
            agents.add("agent-" + i);
            clones.add(server.remoteClone(tmp, "clone-" + i));
        }
        Set<String> spawned = new HashSet<>();
        try (Session boss = TempRepo.sessionAt(clones.get(0), "boss", RemoteDrainWorker.CLOCK)) {
            List<SpawnRequest> batch = IntStream.range(0, TASKS).mapToObj(i -> SpawnRequest.of("drain " + i)
                    .withPriority(i % 5).withBase("main")).toList();
            boss.transitions().spawnBatch(batch).stream().map(Task::id).forEach(spawned::add);
        }
        assertThat(spawned).hasSize(TASKS);

        // Deadlines are generous: every claim that lands runs the validator (a JVM) on the server, and on a 2-core
        // machine shared with other builds a claim can take seconds; a hang still fails the test.
        Path go = tmp.resolve("go");
        List<Path> results = new ArrayList<>();
        List<Processes.Child> workers = new ArrayList<>();
        for (int i = 0; i < CLONES; i++) {
            Path result = tmp.resolve("drain-" + i + ".tsv");
            results.add(result);
            workers.add(server.startMain(RemoteDrainWorker.class, "drainer-" + i, clones.get(i).toString(),
                    agents.get(i), go.toString(), result.toString(), "600"));
        }
        long drainStart = System.nanoTime();
        TempRepo.touchAtomically(go, "");
        for (Processes.Child w : workers) {
            Run r = w.await(Duration.ofSeconds(660));
            assertThat(r.exit()).as("drainer: %s", r).isZero();
        }

        Drained drained = Drained.read(results, agents);
        System.out.printf("daemon drain: %d tasks by %d clones in %.1f s after %.1f s of setup; errors: %s%n", TASKS,
                CLONES, (System.nanoTime() - drainStart) / 1e9, (drainStart - start) / 1e9, drained.errors);
        drained.assertExactlyOnce(server, spawned);
        assertThat(drained.claimedBy.keySet()).as("claims the workers report").isEqualTo(spawned);
        for (Path clone : clones) {
            assertThat(GitServer.boardIsOnServer(clone)).as("%s's board is one the server has", clone).isTrue();
        }
        ServerBoard.assertFsckClean(server);
    }
}

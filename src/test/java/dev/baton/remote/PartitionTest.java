package dev.baton.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.app.SpawnRequest;
import dev.baton.core.Task;
import dev.baton.testing.Cli;
import dev.baton.testing.Lines;
import dev.baton.testing.Poll;
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
 * The daemon is stopped while two clones drain a queue through it: every command fails with exit 3 and changes
 * nothing, reads still work with --offline, and once the daemon is back the work resumes and ends with every task
 * claimed exactly once.
 */
class PartitionTest {

    static final int TASKS = 20;

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
    void theDaemonStopsMidRunAndWorkResumesWithNothingLostOrDuplicated() {
        server = GitServer.create(tmp, true);
        server.startDaemon();
        List<Path> clones = new ArrayList<>();
        List<String> agents = List.of("agent-0", "agent-1");
        for (int i = 0; i < agents.size(); i++) {
            clones.add(server.remoteClone(tmp, "clone-" + i));
        }
        Path bystander = server.remoteClone(tmp, "bystander");
        Set<String> spawned = new HashSet<>();
        try (Session boss = TempRepo.sessionAt(bystander, "boss", RemoteDrainWorker.CLOCK)) {
            boss.transitions().spawnBatch(IntStream.range(0, TASKS).mapToObj(i -> SpawnRequest.of("partitioned " + i)
                    .withBase("main")).toList()).stream().map(Task::id).forEach(spawned::add);
        }

        Path go = tmp.resolve("go");
        List<Path> results = new ArrayList<>();
        List<Processes.Child> workers = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            Path result = tmp.resolve("drain-" + i + ".tsv");
            results.add(result);
            workers.add(server.startMain(RemoteDrainWorker.class, "drainer-" + i, clones.get(i).toString(),
                    agents.get(i), go.toString(), result.toString(), "400"));
        }
        TempRepo.touchAtomically(go, "");
        Poll.await("a few claims through the daemon", Duration.ofMinutes(3), () -> claimed(results) >= 6);

        server.stopDaemon();
        List<Integer> linesAtStop = results.stream().map(r -> Lines.read(r).size()).toList();
        String tipWhileDown = server.rev("refs/baton/board");

        Run claim = server.batonProcess(bystander, "agent-2", "claim", "--next");
        assertThat(claim.exit()).as("claim --next with the daemon down: %s", claim).isEqualTo(3);
        assertThat(claim.err()).contains("unreachable");
        Run list = Cli.as(bystander, "agent-2", "list");
        assertThat(list.exit()).as("list with the daemon down: %s", list).isEqualTo(3);
        Run offline = Cli.as(bystander, "agent-2", "--offline", "list");
        assertThat(offline.exit()).as("list --offline: %s", offline).isZero();
        assertThat(offline.err()).contains("offline: the local copy of the board was fetched");
        // every worker tries, fails with exit 3, and keeps going
        for (int i = 0; i < results.size(); i++) {
            Path result = results.get(i);
            int from = linesAtStop.get(i);
            Poll.await(agents.get(i) + " to be told the remote is unreachable", Duration.ofMinutes(2), () -> {
                List<String> lines = Lines.read(result);
                return lines.subList(Math.min(from, lines.size()), lines.size()).stream()
                        .anyMatch(l -> l.startsWith("ERROR\t3\t") && l.contains("unreachable"));
            });
        }
        assertThat(server.rev("refs/baton/board")).as("nothing moved while the daemon was down").isEqualTo(tipWhileDown);

        server.startDaemon();
        for (Processes.Child w : workers) {
            Run r = w.await(Duration.ofSeconds(450));
            assertThat(r.exit()).as("drainer: %s", r).isZero();
        }
        Drained drained = Drained.read(results, agents);
        assertThat(drained.errors).as("errors while the daemon was down").isNotEmpty();
        drained.assertExactlyOnce(server, spawned);
        for (Path clone : clones) {
            assertThat(GitServer.boardIsOnServer(clone)).as("%s's board is one the server has", clone).isTrue();
        }
        Run nothing = Cli.as(bystander, "agent-2", "claim", "--next");
        assertThat(nothing.exit()).as("%s", nothing).isEqualTo(1);
        assertThat(nothing.err()).contains("nothing ready");
        ServerBoard.assertFsckClean(server);
    }

    private static int claimed(List<Path> results) {
        return (int) results.stream().flatMap(r -> Lines.read(r).stream()).filter(l -> l.startsWith("CLAIMED"))
                .count();
    }
}

package dev.baton.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.app.SpawnRequest;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.Cli;
import dev.baton.testing.Poll;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes of the board whose fate is decided at the server, through {@code git daemon} with the validator installed: a
 * hook placed before the validator holds a push at the chosen moment. Two pushes that both passed the lease race for
 * the ref's lock; a push is cut off before, or after, the ref moved; the daemon stops while a push is in flight.
 */
class PushOutcomeTest {

    @TempDir
    Path tmp;

    GitServer server;
    Path gate;
    Path a;
    Path b;

    @BeforeEach
    void serve() throws Exception {
        server = GitServer.create(tmp, true);
        server.startDaemon();
        gate = Files.createDirectories(tmp.resolve("gate"));
        a = server.remoteClone(tmp, "clone-a");
        b = server.remoteClone(tmp, "clone-b");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private List<String> spawn(int n) {
        try (Session boss = session(a, "boss")) {
            List<SpawnRequest> batch = java.util.stream.IntStream.range(0, n).mapToObj(i ->
                    SpawnRequest.of("task " + i).withBase("main")).toList();
            return boss.transitions().spawnBatch(batch).stream().map(Task::id).sorted().toList();
        }
    }

    private static Session session(Path clone, String agent) {
        return TempRepo.sessionAt(clone, agent, RemoteDrainWorker.CLOCK);
    }

    private static Task json(Run r) throws Exception {
        return dev.baton.cli.Json.MAPPER.readValue(r.out(), Task.class);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(3, TimeUnit.MINUTES);
    }

    @Test
    void twoPushesThatBothPassedTheLeaseRaceAtTheServerAndTheLoserDecidesAgain() throws Exception {
        List<String> ids = spawn(3);
        // the first two board pushes wait for each other inside the server, after git checked their leases against
        // the same tip: one of them will find the ref moved when it takes the ref's lock
        server.preHook("#!/bin/sh\n[ \"$1\" = refs/baton/board ] || exit 0\ng='" + gate + "'\n"
                + "if mkdir \"$g/1\" 2>/dev/null || mkdir \"$g/2\" 2>/dev/null; then\n"
                + "  i=0; while [ ! -d \"$g/2\" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done\n"
                + "fi\nexit 0\n");
        // two processes: claims in one JVM would take turns (worktree bookkeeping is serialized per JVM)
        Processes.Child first = server.startMain(dev.baton.cli.Main.class, "claim-a", "-C", a.toString(), "--as",
                "agent-a", "--json", "claim", "--next");
        Processes.Child second = server.startMain(dev.baton.cli.Main.class, "claim-b", "-C", b.toString(), "--as",
                "agent-b", "--json", "claim", "--next");
        Run ra = first.await(GitServer.CALL_LIMIT);
        Run rb = second.await(GitServer.CALL_LIMIT);
        assertThat(Files.isDirectory(gate.resolve("2"))).as("both pushes reached the server").isTrue();
        assertThat(ra.exit()).as("agent-a: %s", ra).isZero();
        assertThat(rb.exit()).as("agent-b: %s", rb).isZero();
        Task ta = json(ra);
        Task tb = json(rb);
        assertThat(ta.id()).isNotEqualTo(tb.id());
        assertThat(List.of(ta.epoch(), tb.epoch())).containsOnly(1L);
        Map<String, List<String>> claims = ServerBoard.claims(server);
        assertThat(claims).containsOnlyKeys(ta.id(), tb.id());
        assertThat(claims.get(ta.id())).containsExactly("agent-a");
        assertThat(claims.get(tb.id())).containsExactly("agent-b");
        assertThat(GitServer.boardIsOnServer(a)).isTrue();
        assertThat(GitServer.boardIsOnServer(b)).isTrue();
        ServerBoard.assertFsckClean(server);
    }

    @Test
    void aPushCutOffBeforeTheRefMovedIsDecidedAgain() throws Exception {
        String id = spawn(1).get(0);
        server.preHook("#!/bin/sh\n[ \"$1\" = refs/baton/board ] || exit 0\ng='" + gate + "'\n"
                + "if mkdir \"$g/held\" 2>/dev/null; then touch \"$g/entered\"; exec sleep 300; fi\nexit 0\n");
        String before = server.rev("refs/baton/board");
        CompletableFuture<Task> claim = CompletableFuture.supplyAsync(() -> {
            try (Session c = session(a, "agent-a")) {
                return c.transitions().claim(id, null);
            }
        });
        Poll.await("the push to reach the server's hook", Duration.ofMinutes(2),
                () -> Files.exists(gate.resolve("entered")) || claim.isDone());
        assertThat(server.rev("refs/baton/board")).isEqualTo(before);
        server.killConnections();
        Task t = get(claim);
        assertThat(t.assignee()).isEqualTo("agent-a");
        assertThat(t.epoch()).isEqualTo(1);
        assertThat(ServerBoard.claims(server)).containsExactly(Map.entry(id, List.of("agent-a")));
        assertThat(GitServer.boardIsOnServer(a)).isTrue();
        ServerBoard.assertFsckClean(server);
    }

    @Test
    void aPushCutOffAfterTheRefMovedIsFoundLandedAndNotDecidedAgain() throws Exception {
        String id = spawn(1).get(0);
        // the first board push moves the ref itself (objects out of git's quarantine), then never answers
        server.preHook("#!/bin/sh\n[ \"$1\" = refs/baton/board ] || exit 0\ng='" + gate + "'\n"
                + "if mkdir \"$g/held\" 2>/dev/null; then\n"
                + "  [ -n \"$GIT_QUARANTINE_PATH\" ] && cp -R \"$GIT_QUARANTINE_PATH/.\" \"$GIT_DIR/objects/\"\n"
                + "  env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES"
                + " git update-ref \"$1\" \"$3\" \"$2\" || exit 1\n"
                + "  touch \"$g/entered\"; exec sleep 300\nfi\nexit 0\n");
        CompletableFuture<Task> claim = CompletableFuture.supplyAsync(() -> {
            try (Session c = session(a, "agent-a")) {
                return c.transitions().claim(id, null);
            }
        });
        Poll.await("the push to reach the server's hook", Duration.ofMinutes(2),
                () -> Files.exists(gate.resolve("entered")) || claim.isDone());
        assertThat(ServerBoard.task(server, id).assignee()).as("the claim is on the server").isEqualTo("agent-a");
        server.killConnections();
        Task t = get(claim);
        assertThat(t.assignee()).isEqualTo("agent-a");
        assertThat(t.epoch()).isEqualTo(1);
        assertThat(ServerBoard.claims(server)).containsExactly(Map.entry(id, List.of("agent-a")));
        assertThat(TempRepo.gitIn(a, "rev-parse", "refs/baton/board").strip())
                .isEqualTo(server.rev("refs/baton/board"));
        ServerBoard.assertFsckClean(server);
    }

    @Test
    void theDaemonStoppingWhileAPushIsInFlightIsExitThreeAndTheClaimIsMadeOnceItIsBack() throws Exception {
        String id = spawn(1).get(0);
        server.preHook("#!/bin/sh\n[ \"$1\" = refs/baton/board ] || exit 0\ng='" + gate + "'\n"
                + "if mkdir \"$g/held\" 2>/dev/null; then touch \"$g/entered\"; exec sleep 300; fi\nexit 0\n");
        String before = server.rev("refs/baton/board");
        Processes.Child claim = server.startMain(dev.baton.cli.Main.class, "claim", "-C", a.toString(), "--as",
                "agent-a", "claim", id);
        Poll.await("the push to reach the server's hook", Duration.ofMinutes(2),
                () -> Files.exists(gate.resolve("entered")) || !claim.alive());
        server.crash();
        Run cut = claim.await(GitServer.CALL_LIMIT);
        assertThat(cut.exit()).as("%s", cut).isEqualTo(3);
        assertThat(cut.err()).contains("may have landed").contains("baton show");

        Run again = server.batonProcess(a, "agent-a", "claim", id);
        assertThat(again.exit()).as("%s", again).isEqualTo(3);
        assertThat(again.err()).contains("unreachable");
        Run offline = Cli.as(a, "agent-a", "--offline", "show", id);
        assertThat(offline.exit()).as("%s", offline).isZero();
        assertThat(offline.err()).contains("offline: the local copy of the board was fetched");
        assertThat(TempRepo.gitIn(a, "rev-parse", "refs/baton/board").strip()).as("nothing local-only").isEqualTo(before);

        server.startDaemon();
        assertThat(server.rev("refs/baton/board")).isEqualTo(before);
        Cli.as(a, "agent-a", "claim", id).succeeds();
        assertThat(ServerBoard.task(server, id).state()).isEqualTo(TaskState.ASSIGNED);
        assertThat(ServerBoard.claims(server)).containsExactly(Map.entry(id, List.of("agent-a")));
        ServerBoard.assertFsckClean(server);
    }
}

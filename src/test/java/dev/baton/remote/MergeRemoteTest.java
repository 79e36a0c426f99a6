package dev.baton.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.TaskState;
import dev.baton.testing.Cli;
import dev.baton.testing.Poll;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton merge} in remote mode, against a bare repository over its file path: base and board pushed together;
 * in order where atomic pushes are not offered, and then a merge whose base push landed before the board's failed is
 * recorded by running merge again; two merges racing for the base at the server both land.
 */
class MergeRemoteTest {

    @TempDir
    Path tmp;

    GitServer server;

    @BeforeEach
    void serve() {
        server = GitServer.create(tmp, false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path work(String name) {
        Path dir = TempRepo.cloneOf(tmp, server.fileUrl(), name).dir();
        Cli.as(dir, name, "init", "--remote", "origin").succeeds();
        return dir;
    }

    /** A task that {@code agent} did in {@code clone} (one commit adding {@code file}), approved by "reviewer". */
    private static String approvedTask(Path clone, String agent, String file) {
        String id = Cli.as(clone, "boss", "spawn", "add " + file, "--base", "main").succeeds().value();
        Path worktree = Path.of(Cli.as(clone, agent, "start", id).succeeds().value());
        TempRepo.commitFileIn(worktree, file, file + " content\n", "Add " + file);
        Cli.as(clone, agent, "done", id).succeeds();
        Cli.as(clone, "reviewer", "approve", id).succeeds();
        return id;
    }

    private TaskState stateOnServer(String id) {
        return ServerBoard.task(server, id).state();
    }

    @Test
    void withoutAtomicPushesTheBaseGoesFirstAndMergingAgainRecordsAMergeWhoseBoardPushFailed() {
        server.git("config", "receive.advertiseAtomic", "false");
        Path c = work("c");
        String id = approvedTask(c, "agent-0", "a.txt");
        String mainBefore = server.rev("refs/heads/main");
        Path gate = tmp.resolve("refused-once");
        server.hook("update", "#!/bin/sh\n[ \"$1\" = refs/baton/board ] || exit 0\n"
                + "if mkdir '" + gate + "' 2>/dev/null; then echo 'the board is closed for a moment' >&2; exit 1; fi\n"
                + "exit 0\n");

        Run first = Cli.as(c, "reviewer", "merge", id);
        assertThat(first.exit()).as("%s", first).isEqualTo(1);
        assertThat(first.err()).contains("the board is closed for a moment");
        String landed = server.rev("refs/heads/main");
        assertThat(landed).as("the base was pushed first").isNotEqualTo(mainBefore);
        assertThat(server.git("show", landed + ":a.txt")).isEqualTo("a.txt content\n");
        assertThat(stateOnServer(id)).isEqualTo(TaskState.APPROVED);

        Run again = Cli.as(c, "reviewer", "merge", id);
        assertThat(again.exit()).as("%s", again).isZero();
        assertThat(server.rev("refs/heads/main")).as("no second landing").isEqualTo(landed);
        assertThat(stateOnServer(id)).isEqualTo(TaskState.COMPLETED);
        assertThat(server.git("rev-list", "--count", mainBefore + ".." + landed).strip()).isEqualTo("1");
        ServerBoard.assertFsckClean(server);
    }

    @Test
    void twoMergesRacingForTheBaseAtTheServerBothLand() throws Exception {
        Path ca = work("ca");
        Path cb = work("cb");
        String ta = approvedTask(ca, "agent-a", "a.txt");
        String tb = approvedTask(cb, "agent-b", "b.txt");
        String mainBefore = server.rev("refs/heads/main");
        Path gate = Files.createDirectories(tmp.resolve("gate"));
        // the first push to main waits inside the server until told to go on: by then the other merge has landed
        server.hook("update", "#!/bin/sh\n[ \"$1\" = refs/heads/main ] || exit 0\ng='" + gate + "'\n"
                + "if mkdir \"$g/held\" 2>/dev/null; then\n  touch \"$g/entered\"\n"
                + "  i=0; while [ ! -f \"$g/release\" ] && [ $i -lt 2400 ]; do sleep 0.05; i=$((i+1)); done\nfi\n"
                + "exit 0\n");

        // a process of its own: merges in one JVM take turns
        Processes.Child first = server.startMain(dev.baton.cli.Main.class, "merge-a", "-C", ca.toString(), "--as",
                "reviewer", "merge", ta);
        Poll.await("the first merge's push to reach the server", Duration.ofMinutes(2),
                () -> Files.exists(gate.resolve("entered")) || !first.alive());
        Run second = Cli.as(cb, "reviewer", "merge", tb);
        TempRepo.touchAtomically(gate.resolve("release"), "");
        Run firstResult = first.await(GitServer.CALL_LIMIT);

        assertThat(second.exit()).as("the merge that went second: %s", second).isZero();
        assertThat(firstResult.exit()).as("the merge held at the server: %s", firstResult).isZero();
        String main = server.rev("refs/heads/main");
        assertThat(server.git("show", main + ":a.txt")).isEqualTo("a.txt content\n");
        assertThat(server.git("show", main + ":b.txt")).isEqualTo("b.txt content\n");
        assertThat(server.git("rev-list", "--count", mainBefore + ".." + main).strip()).isEqualTo("2");
        assertThat(stateOnServer(ta)).isEqualTo(TaskState.COMPLETED);
        assertThat(stateOnServer(tb)).isEqualTo(TaskState.COMPLETED);
        assertThat(TempRepo.gitIn(ca, "rev-parse", "main").strip()).as("clone a's main").isEqualTo(main);
        ServerBoard.assertFsckClean(server);
    }
}

package dev.baton.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.ChildProcesses;
import dev.baton.testing.Run;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's stand-in agent (agent.sh) on its own, in a worktree-like checkout with a TASK.md, as `baton work` would
 * run it: it does the work and commits, except on the first attempt at the tasks the demo names to trip over.
 */
class StandInAgentTest {

    private static final String ID = "T-abc12345";

    @TempDir
    Path tmp;

    private Path repo;
    private Path script;
    private Path runs;

    @BeforeEach
    void setUp() throws Exception {
        repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        git("init", "-q", "-b", "main");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "start");
        Files.writeString(repo.resolve(".git/info/exclude"), "/TASK.md\n/.baton-handoff.md\n");
        git("checkout", "-q", "-b", "task/" + ID);
        script = tmp.resolve("agent.sh");
        try (InputStream in = DemoScripts.class.getResourceAsStream(DemoScripts.AGENT)) {
            Files.write(script, in.readAllBytes());
        }
        runs = Files.createDirectories(tmp.resolve("runs"));
    }

    @Test
    void itWritesTheFileTheSpecNamesCommitsItWithTrailersAndLeavesAHandoff() throws Exception {
        brief(1, true, null);

        Run r = agent(Map.of());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(Files.readString(repo.resolve("src/greetings/fr.txt")))
                .isEqualTo("Bonjour !\nTests: printed it with cat; it reads right (agent-a)\n");
        assertThat(git("log", "-1", "--format=%s%n%b%an")).isEqualTo("Add the French greeting (" + ID + ")\n"
                + "Baton-Task: " + ID + "\nBaton-Epoch: 1\nagent-a\n");
        assertThat(git("status", "--porcelain")).isEmpty();
        assertThat(Files.readString(repo.resolve(".baton-handoff.md")))
                .contains("## Summary\nWrote src/greetings/fr.txt with a Tests: line");
    }

    @Test
    void reworkAmendsTheOneCommitWithWhatTheReasonAsksFor() throws Exception {
        brief(1, false, null);
        assertThat(agent(Map.of()).exit()).isZero();
        assertThat(Files.readString(repo.resolve("src/greetings/fr.txt"))).isEqualTo("Bonjour !\n");

        brief(1, false, "src/greetings/fr.txt has no 'Tests:' line");
        Run r = agent(Map.of());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("came back from review");
        assertThat(git("rev-list", "--count", "main..HEAD")).isEqualTo("1\n");
        assertThat(Files.readString(repo.resolve("src/greetings/fr.txt"))).contains("Tests: ");
    }

    @Test
    void theTaskItIsToldToFailOnExits3OnTheFirstAttemptOnlyAndChangesNothing() throws Exception {
        brief(1, true, null);
        Run first = agent(Map.of("DEMO_FAILS", ID));
        assertThat(first.exit()).as(first.out()).isEqualTo(3);
        assertThat(git("status", "--porcelain")).isEmpty();
        assertThat(git("rev-list", "--count", "main..HEAD")).isEqualTo("0\n");

        brief(2, true, "the command exited with 3");
        Run second = agent(Map.of("DEMO_FAILS", ID));
        assertThat(second.exit()).as(second.out()).isZero();
        assertThat(git("rev-list", "--count", "main..HEAD")).isEqualTo("1\n");
    }

    @Test
    void theTaskItIsToldToHangOnWaitsUntilSigtermAndThenStops() throws Exception {
        brief(1, true, null);
        Process p = start(Map.of("DEMO_HANGS", ID));

        assertThat(p.waitFor(2, TimeUnit.SECONDS)).as("still running").isFalse();
        p.toHandle().descendants().forEach(ProcessHandle::destroy);
        p.toHandle().destroy();

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("giving up on " + ID);
        assertThat(git("rev-list", "--count", "main..HEAD")).isEqualTo("0\n");
    }

    @Test
    void theTaskItIsToldToCrashOnLeavesHalfTheWorkAndSaysWhoItIs() throws Exception {
        brief(1, true, null);
        Process p = start(Map.of("DEMO_CRASHES", ID));
        try {
            Path marker = runs.resolve(ID + ".crash");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.isRegularFile(marker) && Files.size(marker) > 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(marker)).isEqualTo("agent-a\n");
            assertThat(git("status", "--porcelain")).isEqualTo("?? src/\n");
            assertThat(p.isAlive()).isTrue();
        } finally {
            ChildProcesses.end(List.of(p.toHandle()));
        }

        brief(2, true, null);
        Run next = agent(Map.of("DEMO_CRASHES", ID));
        assertThat(next.exit()).as(next.out()).isZero();
        assertThat(next.out()).contains("is there, uncommitted");
        assertThat(git("status", "--porcelain")).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The TASK.md baton would write for attempt {@code attempt}; {@code reason} as the last reason given. */
    private void brief(int attempt, boolean asksForTests, String reason) throws IOException {
        Files.writeString(repo.resolve("TASK.md"), "# " + ID + ": Add the French greeting\n\n"
                + "- state: WORKING\n- owner: agent-a (epoch 1)\n- attempt: " + attempt + "\n- priority: 0\n"
                + "- base: main\n\n## Spec\n\nAdd the French greeting to the project.\n\n"
                + "File: src/greetings/fr.txt\nLine: Bonjour !\n"
                + (asksForTests ? "\nEnd the file with a line \"Tests: <how you checked it>\".\n" : "")
                + (reason == null ? "" : "\n## Last reason given\n\n" + reason + "\n"));
    }

    private Run agent(Map<String, String> env) throws Exception {
        Process p = start(env);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, ""); // stderr is in stdout
    }

    private Process start(Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(repo.toFile())
                .redirectErrorStream(true).redirectInput(new File("/dev/null"));
        Actors.clean(pb.environment());
        pb.environment().putAll(Map.of("BATON_TASK", ID, "BATON_EPOCH", "1", "BATON_AGENT", "agent-a",
                "BATON_WORKTREE", repo.toString(), "DEMO_RUNS", runs.toString()));
        pb.environment().putAll(env);
        return pb.start();
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
        Actors.clean(pb.environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }
}

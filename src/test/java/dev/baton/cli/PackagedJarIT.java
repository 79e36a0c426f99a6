package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar ({@code baton.jar}, set by the build) and the {@code bin/} launchers, run as separate processes
 * the way agents run them, in temporary repositories.
 */
class PackagedJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String EMAIL = "it@example.com";

    private static Path jar;
    private static Path project;

    @TempDir
    Path tmp;

    private Path repo;

    @BeforeAll
    static void locate() {
        String property = System.getProperty("baton.jar");
        assertThat(property).as("system property baton.jar (set by the pom for failsafe)").isNotBlank();
        jar = Path.of(property).toAbsolutePath();
        assertThat(jar).as("the packaged jar").isRegularFile();
        // The project: where failsafe runs (basedir), else the jar's folder's parent (target/..).
        Path base = Path.of(System.getProperty("basedir", jar.getParent().getParent().toString())).toAbsolutePath();
        if (!Files.isRegularFile(base.resolve("bin/baton"))) {
            base = jar.getParent().getParent();
        }
        project = base;
        assertThat(project.resolve("bin/baton")).as("the launcher").isRegularFile();
    }

    @BeforeEach
    void repository() {
        repo = tmp.resolve("repo");
        try {
            Files.createDirectories(repo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "IT User");
        git(repo, "config", "user.email", EMAIL);
        git(repo, "config", "commit.gpgsign", "false");
        git(repo, "commit", "-q", "--allow-empty", "-m", "initial commit");
    }

    // ---- the whole life of a task, one process per step -----------------------------------------------------------

    @Test
    void lifecycleAsSeparateProcesses() {
        baton(repo, "init", "--as", "lead").ok();
        String id = baton(repo, "spawn", "Add greeting", "--as", "lead").ok().value();
        assertThat(id).matches("T-[0-9a-z]{8}");
        baton(repo, "claim", id.substring(2, 6), "--as", "agent-a").ok();

        // what an agent types: cd into the worktree start prints, commit there (with the trailers baton's commit-msg
        // hook would add), hand in from there (no id)
        String script = String.join("\n",
                "set -euo pipefail",
                "cd \"$(\"$0\" -jar \"$1\" start --as agent-a \"$2\")\"",
                "printf 'hello\\n' > greeting.txt",
                "git add greeting.txt",
                "git commit -q -m 'Add greeting file' --trailer \"Baton-Task: $2\" --trailer 'Baton-Epoch: 1'",
                "\"$0\" -jar \"$1\" done --as agent-a --summary 'greeting added'",
                "pwd -P");
        Run agent = run(repo, Map.of(), List.of("bash", "-c", script, JAVA, jar.toString(), id));
        assertThat(agent.exit()).as("%s", agent).isZero();
        assertThat(agent.err()).isEmpty();
        Path worktree = tmp.resolve("repo.baton").resolve(id);
        assertThat(agent.out().lines().toList()).containsExactly(id + " is IN_REVIEW", real(worktree).toString());

        baton(repo, "approve", "T-" + id.substring(2, 7).toUpperCase(), "--as", "agent-b").ok();
        Run merged = baton(repo, "merge", id.substring(2), "--as", "agent-b").ok();
        assertThat(merged.value()).startsWith(id + " merged into main at ");

        // one board commit per transition, after the one that made the board
        List<String> board = git(repo, "log", "--oneline", "refs/baton/board").lines()
                .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        assertThat(board).containsExactly(
                "merge " + id + " Add greeting (agent-b)",
                "approve " + id + " Add greeting (agent-b)",
                "done " + id + " Add greeting (agent-a)",
                "start " + id + " Add greeting (agent-a)",
                "claim " + id + " Add greeting (agent-a)",
                "spawn " + id + " Add greeting (lead)",
                "init board (lead)");

        Run fsck = run(repo, Map.of(), List.of("git", "fsck", "--strict", "--no-progress"));
        assertThat(fsck.exit()).as("%s", fsck).isZero();
        assertThat((fsck.out() + fsck.err()).lines())
                .noneMatch(l -> l.startsWith("error") || l.startsWith("warning") || l.startsWith("missing")
                        || l.startsWith("broken") || l.contains("bad"));

        assertThat(git(repo, "log", "--format=%s", "main").lines().toList())
                .containsExactly("Add greeting file", "initial commit");
        assertThat(git(repo, "show", "main:greeting.txt")).isEqualTo("hello\n");
        assertThat(repo.resolve("greeting.txt")).hasContent("hello");
        assertThat(worktree).doesNotExist();

        JsonNode task = baton(repo, "--json", "show", id).ok().json();
        assertThat(task.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(task.get("mergedCommit").asText()).isEqualTo(git(repo, "rev-parse", "main").strip());
    }

    // ---- errors at the process boundary ---------------------------------------------------------------------------

    @Test
    void exitCodesAndOneLineErrorsFromTheJar() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        assertThat(baton(elsewhere, "list").fails(3).error()).contains("not a git repository");
        assertThat(baton(repo, "list").fails(3).error()).contains("baton init");

        baton(repo, "init", "--as", "lead").ok();
        String id = baton(repo, "spawn", "Contested", "--as", "lead").ok().value();
        baton(repo, "claim", id, "--as", "agent-a").ok();
        String tip = git(repo, "rev-parse", "refs/baton/board");

        assertThat(baton(repo, "claim", id, "--as", "agent-b").fails(1).error())
                .contains("already claimed by agent-a");
        // (exit 2 as one line at the process boundary: see titleThatIsNotUtf8FromTheShellIsRefused)

        Run json = baton(repo, "--json", "claim", id, "--as", "agent-b");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.out()).isEmpty();
        assertThat(json.err().lines().toList()).hasSize(1);
        JsonNode error = JSON.readTree(json.err());
        assertThat(error.get("exit").asInt()).isEqualTo(1);
        assertThat(error.get("error").asText()).contains("already claimed by agent-a");

        Run debug = baton(repo, "--debug", "show", "T-zzzzzzzz");
        assertThat(debug.exit()).isEqualTo(2);
        assertThat(debug.err().lines().findFirst().orElseThrow()).startsWith("baton: no task matches");
        assertThat(debug.err()).contains("\tat dev.baton.");

        assertThat(git(repo, "rev-parse", "refs/baton/board")).isEqualTo(tip);
    }

    /** Raw bytes that are not UTF-8, passed by a shell as the title: refused, nothing written. */
    @Test
    void titleThatIsNotUtf8FromTheShellIsRefused() {
        baton(repo, "init", "--as", "lead").ok();
        String tip = git(repo, "rev-parse", "refs/baton/board");

        Run p = run(repo, Map.of("LANG", "C.UTF-8"), List.of("bash", "-c",
                "exec \"$0\" -jar \"$1\" spawn --as lead $'bad \\xff title'", JAVA, jar.toString()));
        assertThat(p.fails(2).error()).contains("title is not valid UTF-8");

        assertThat(git(repo, "rev-parse", "refs/baton/board")).isEqualTo(tip);
        assertThat(baton(repo, "list").ok().out()).isEqualTo("no tasks\n");
    }

    /** --as, else $BATON_AGENT, else git config user.email. */
    @Test
    void actorComesFromAsThenBatonAgentThenUserEmail() {
        baton(repo, "init", "--as", "lead").ok();
        Map<String, String> agentEnv = Map.of("BATON_AGENT", "env-agent");

        JsonNode fromEnv = run(repo, agentEnv, jarCommand("--json", "spawn", "env")).ok().json();
        assertThat(fromEnv.get("createdBy").asText()).isEqualTo("env-agent");
        JsonNode fromFlag = run(repo, agentEnv, jarCommand("--json", "spawn", "flag", "--as", "flag-agent")).ok()
                .json();
        assertThat(fromFlag.get("createdBy").asText()).isEqualTo("flag-agent");
        JsonNode fromEmail = baton(repo, "--json", "spawn", "email").ok().json();
        assertThat(fromEmail.get("createdBy").asText()).isEqualTo(EMAIL);
    }

    // ---- the launchers in bin/ ---------------------------------------------------------------------------------

    /**
     * bin/baton and bin/git-baton, copied unchanged into a scratch home whose target/ holds the jar under test (so
     * the launcher runs this build's jar and does not rebuild the project), run from a task's worktree, from an
     * unrelated folder with -C, through a symlink, and as {@code git baton}.
     */
    @Test
    void launcherWorksFromAWorktreeElsewhereAndAsGitBaton() throws IOException {
        Path home = tmp.resolve("baton-home");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("target"));
        for (String script : List.of("baton", "git-baton")) {
            Path copy = home.resolve("bin").resolve(script);
            Files.copy(project.resolve("bin").resolve(script), copy, StandardCopyOption.COPY_ATTRIBUTES);
            assertThat(copy.toFile().setExecutable(true)).isTrue();
        }
        Files.copy(jar, home.resolve("target/baton.jar"));
        Path launcher = home.resolve("bin/baton");

        baton(repo, "init", "--as", "lead").ok();
        String id = baton(repo, "spawn", "Launch it", "--as", "lead").ok().value();
        Run start = baton(repo, "start", id, "--as", "agent-a").ok();
        Path worktree = tmp.resolve("repo.baton").resolve(id);
        assertThat(start.out()).as("start prints the worktree alone").isEqualTo(worktree + "\n");

        // inside the linked worktree, no id: that worktree's task
        JsonNode here = run(worktree, Map.of(), List.of(launcher.toString(), "--json", "show")).ok().json();
        assertThat(here.get("id").asText()).isEqualTo(id);
        assertThat(here.get("worktree").asText()).isEqualTo(worktree.toString());

        // from a folder that is no repository at all, pointed at the repository with -C
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Run list = run(elsewhere, Map.of(), List.of(launcher.toString(), "-C", repo.toString(), "list")).ok();
        assertThat(list.out()).startsWith(id).contains("WORKING", "agent-a", "Launch it");

        // through a symlink in another folder
        Path links = Files.createDirectories(tmp.resolve("links"));
        Files.createSymbolicLink(links.resolve("baton"), launcher);
        Run linked = run(elsewhere, Map.of(), List.of(links.resolve("baton").toString(), "-C", repo.toString(),
                "--json", "list")).ok();
        assertThat(linked.json().get("id").asText()).isEqualTo(id);

        // git baton, with bin/ first on PATH
        Map<String, String> path = Map.of("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));
        Run viaGit = run(repo, path, List.of("git", "baton", "list")).ok();
        assertThat(viaGit.out()).isEqualTo(list.out());
        Run viaGitInWorktree = run(worktree, path, List.of("git", "baton", "show")).ok();
        assertThat(viaGitInWorktree.out().lines().findFirst().orElseThrow()).isEqualTo(id + "  Launch it");

        // the first call recorded one class-data archive, and nothing of its making is left beside it
        try (var files = Files.list(home.resolve("target"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("baton-")))
                    .as("the launcher's archive").singleElement().asString().endsWith(".jsa");
        }
        // the archive maps (-Xshare:on fails the JVM otherwise) and holds picocli's classes, which a dynamic archive
        // of JDK 17 leaves out (class-file version 49)
        Path classLog = tmp.resolve("classes.log");
        run(elsewhere, Map.of("BATON_JAVA_OPTS", "-Xshare:on -Xlog:class+load:file=" + classLog),
                List.of(launcher.toString(), "-C", repo.toString(), "show", id)).ok();
        assertThat(Files.readAllLines(classLog)).filteredOn(l -> l.contains(" picocli.CommandLine "))
                .singleElement().asString().contains("shared objects file");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static List<String> jarCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                jar.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Run baton(Path cwd, String... args) {
        return run(cwd, Map.of(), jarCommand(args));
    }

    private static String git(Path cwd, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Run p = run(cwd, Map.of(), cmd);
        assertThat(p.exit()).as("git %s: %s", String.join(" ", args), p).isZero();
        return p.out();
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run run(Path cwd, Map<String, String> env, List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        Map<String, String> e = pb.environment();
        e.remove("BATON_AGENT");
        e.remove("BATON_NO_CDS");
        e.remove("BATON_JAVA_OPTS");
        e.put("GIT_TERMINAL_PROMPT", "0");
        e.put("LANG", "C.UTF-8");
        e.putAll(new HashMap<>(env));
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> drain(p.getErrorStream(), err), "stderr");
            drain.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            drain(p.getInputStream(), out);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            drain.join();
            return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended
        }
    }
}

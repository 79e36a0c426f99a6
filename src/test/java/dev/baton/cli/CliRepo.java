package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A real git repository for CLI tests, and baton run in-process against it through
 * {@link BatonCommand#commandLine(String...)}, as {@code Main} runs it, with its output captured (System.out and
 * System.err are never touched).
 *
 * <p>The repository is {@code <tempDir>/repo} ({@code git init -b main}, a local identity, one commit), so baton's
 * default worktree root {@code <tempDir>/repo.baton} is inside the temporary directory as well.
 */
final class CliRepo {

    static final String EMAIL = "cli-test@example.com";
    static final ObjectMapper JSON = new ObjectMapper();

    /** What one baton call printed and how it ended. */
    record Run(int exit, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        /** stdout without its trailing newline (for commands that print one value). */
        String value() {
            return out.strip();
        }

        JsonNode json() {
            assertThat(outLines()).as("one JSON object on stdout: %s", this).hasSize(1);
            return parse(outLines().get(0));
        }

        List<JsonNode> ndjson() {
            return outLines().stream().map(CliRepo::parse).toList();
        }

        Run ok() {
            assertThat(exit).as("exit code of a call that should work; %s", this).isZero();
            assertThat(err).as("stderr of a call that worked").isEmpty();
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    private final Path dir;

    private CliRepo(Path dir) {
        this.dir = dir;
    }

    static CliRepo create(Path tempDir) {
        Path dir = tempDir.resolve("repo");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gitIn(dir, "init", "-q", "-b", "main");
        CliRepo repo = new CliRepo(dir);
        repo.git("config", "user.name", "CLI Test");
        repo.git("config", "user.email", EMAIL);
        repo.git("config", "commit.gpgsign", "false");
        commitIn(dir, "README.md", "# test\n", "initial commit");
        return repo;
    }

    /** A repository with the board already made. */
    static CliRepo initialized(Path tempDir) {
        CliRepo repo = create(tempDir);
        repo.baton("init", "--as", "lead").ok();
        return repo;
    }

    Path dir() {
        return dir;
    }

    /** Runs baton with {@code args} exactly as given (no -C added). */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BatonCommand.commandLine(args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs baton in this repository ({@code -C <repo>} first). */
    Run baton(String... args) {
        return in(dir, args);
    }

    /** Runs baton as if started in {@code where} ({@code -C <where>} first). */
    static Run in(Path where, String... args) {
        List<String> all = new ArrayList<>();
        all.add("-C");
        all.add(where.toString());
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** Spawns a task as "lead" and returns its id. */
    String spawn(String title, String... more) {
        List<String> args = new ArrayList<>(List.of("spawn", title, "--as", "lead"));
        args.addAll(List.of(more));
        Run r = baton(args.toArray(String[]::new)).ok();
        assertThat(r.value()).matches("T-[0-9a-z]{8}");
        return r.value();
    }

    /** Spawns, claims and starts a task for {@code agent}; returns its worktree. */
    Path started(String id, String agent) {
        Run r = baton("start", id, "--as", agent).ok();
        Path wt = Path.of(r.value());
        assertThat(wt).isDirectory();
        return wt;
    }

    /** The task as {@code show --json} prints it. */
    JsonNode show(String id) {
        return baton("--json", "show", id).ok().json();
    }

    /** The board's tip commit, or "" when there is no board. */
    String tip() {
        GitResult r = tryGitIn(dir, "rev-parse", "--verify", "--quiet", "refs/baton/board");
        return r.ok() ? r.out().strip() : "";
    }

    String git(String... args) {
        return gitIn(dir, args);
    }

    // ---- git ---------------------------------------------------------------------------------------------------

    record GitResult(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    static String gitIn(Path where, String... args) {
        GitResult r = tryGitIn(where, args);
        if (!r.ok()) {
            throw new AssertionError("git " + String.join(" ", args) + " in " + where + " exited " + r.exit() + ":\n"
                    + r.err() + r.out());
        }
        return r.out();
    }

    static GitResult tryGitIn(Path where, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(where.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> drain(p.getErrorStream(), err), "git-stderr");
            drain.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            drain.join();
            return new GitResult(code, out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file in {@code worktree} and commits it there with real {@code git commit}; returns the commit. */
    static String commitIn(Path worktree, String file, String content, String message) {
        try {
            Files.writeString(worktree.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gitIn(worktree, "add", "--", file);
        gitIn(worktree, "commit", "-q", "-m", message);
        return gitIn(worktree, "rev-parse", "HEAD").strip();
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
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

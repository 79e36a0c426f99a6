package dev.baton.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.BatonCommand;
import dev.baton.store.BoardLayout;
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
import java.util.Map;
import picocli.CommandLine;

/**
 * A real git repository with a board, for the work-queue tests, and baton run in-process against it through
 * {@link BatonCommand#commandLine()} with its output captured.
 *
 * <p>The repository is {@code <tempDir>/repo} ({@code git init -b main}, a local identity, one commit, {@code baton
 * init} as "lead"), so the worktrees baton makes ({@code <tempDir>/repo.baton}) are inside the temporary directory.
 */
final class QueueRepo {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String LEAD = "lead";
    static final String AGENT = "agent-a";
    static final String REVIEWER = "agent-b";

    /** What one baton call printed and how it ended. */
    record Run(int exit, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }

        String value() {
            return out.strip();
        }

        JsonNode json() {
            assertThat(lines()).as("one JSON object on stdout: %s", this).hasSize(1);
            return parse(lines().get(0));
        }

        List<JsonNode> ndjson() {
            return lines().stream().map(QueueRepo::parse).toList();
        }

        /** The one-line error, without the "baton: " prefix. */
        String error() {
            assertThat(err.lines().toList()).as("one error line: %s", this).hasSize(1);
            assertThat(err).startsWith("baton: ");
            return err.strip().substring("baton: ".length());
        }

        Run ok() {
            assertThat(exit).as("exit code of a call that should work; %s", this).isZero();
            assertThat(err).as("stderr of a call that worked").isEmpty();
            return this;
        }

        Run fails(int code) {
            assertThat(exit).as("exit code; %s", this).isEqualTo(code);
            assertThat(out).as("stdout of a call that failed").isEmpty();
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    private final Path dir;

    private QueueRepo(Path dir) {
        this.dir = dir;
    }

    /** A new repository with one commit on main and a board. */
    static QueueRepo create(Path tempDir) {
        Path dir = tempDir.resolve("repo");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gitIn(dir, "init", "-q", "-b", "main");
        QueueRepo repo = new QueueRepo(dir);
        repo.git("config", "user.name", "Queue Test");
        repo.git("config", "user.email", "queue-test@example.com");
        repo.git("config", "commit.gpgsign", "false");
        repo.git("config", "gc.auto", "0");
        commitIn(dir, "README.md", "# queue test\n", "initial commit");
        repo.baton("init", "--as", LEAD).ok();
        return repo;
    }

    Path dir() {
        return dir;
    }

    /** Runs baton in this repository ({@code -C <repo>} first). */
    Run baton(String... args) {
        return in(dir, args);
    }

    /** Runs baton as if started in {@code where}. */
    static Run in(Path where, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", where.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BatonCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** Spawns a task as the lead; returns its id. */
    String spawn(String title, String... more) {
        List<String> args = new ArrayList<>(List.of("spawn", title, "--as", LEAD));
        args.addAll(List.of(more));
        Run r = baton(args.toArray(String[]::new)).ok();
        assertThat(r.value()).matches("T-[0-9a-z]{8}");
        return r.value();
    }

    JsonNode show(String id) {
        return baton("--json", "show", id).ok().json();
    }

    String state(String id) {
        return show(id).get("state").asText();
    }

    /** Takes a QUEUED task to COMPLETED through real work: start, a commit, done, approve, merge. */
    void complete(String id) {
        Path wt = Path.of(baton("start", id, "--as", AGENT).ok().value());
        commitIn(wt, id + ".txt", "work of " + id + "\n", "Work on " + id);
        in(wt, "done", "--as", AGENT, "--summary", "did " + id).ok();
        approve(id);
        baton("merge", id, "--as", REVIEWER).ok();
        assertThat(state(id)).isEqualTo("COMPLETED");
    }

    /** Takes an IN_REVIEW task to APPROVED. */
    void approve(String id) {
        baton("approve", id, "--as", REVIEWER).ok();
    }

    /** Takes a QUEUED task to FAILED (claimed, never started: no worktree). */
    void fail(String id, String reason) {
        baton("claim", id, "--as", AGENT).ok();
        baton("fail", id, "-m", reason, "--as", AGENT).ok();
        assertThat(state(id)).isEqualTo("FAILED");
    }

    /** The board's tip commit. */
    String tip() {
        return git("rev-parse", "--verify", BoardLayout.REF).strip();
    }

    /** How many commits the board has (the init commit included). */
    int commits() {
        return Integer.parseInt(git("rev-list", "--count", BoardLayout.REF).strip());
    }

    /** A task's record as it is in the tree of board commit {@code commit}. */
    JsonNode recordAt(String commit, String id) {
        return parse(git("show", commit + ":" + BoardLayout.taskPath(id)));
    }

    /** {@code baton fsck} replays the whole history and finds it clean. */
    void assertFsckClean() {
        Run r = baton("fsck").ok();
        assertThat(r.value()).isEqualTo("board clean: " + commits() + " commits replayed");
        JsonNode j = baton("--json", "fsck").ok().json();
        assertThat(j.get("clean").asBoolean()).isTrue();
        assertThat(j.get("findings")).isEmpty();
    }

    /** Writes a file next to the repository (not in it). */
    Path file(String name, String content) {
        Path f = dir.resolveSibling(name);
        try {
            Files.writeString(f, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** Waits until the millisecond clock the CLI stamps tasks with has moved on, so the next spawn is younger. */
    static void nextMillisecond() {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() <= now + 1) {
            Thread.onSpinWait();
        }
    }

    // ---- git ---------------------------------------------------------------------------------------------------

    String git(String... args) {
        return gitIn(dir, args);
    }

    static String gitIn(Path where, String... args) {
        return gitWith(where, Map.of(), args);
    }

    static String gitWith(Path where, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(where.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> drain(p.getErrorStream(), err), "git-stderr");
            drain.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            drain.join();
            if (code != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " in " + where + " exited " + code + ":\n"
                        + err.toString(StandardCharsets.UTF_8) + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

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

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
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

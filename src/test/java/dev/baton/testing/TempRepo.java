package dev.baton.testing;

import dev.baton.app.Session;
import dev.baton.app.Repositories;
import dev.baton.app.SpawnRequest;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;

/**
 * A real git repository in a JUnit {@code @TempDir}, for integration tests. Never a mock: everything goes through the
 * {@code git} binary and JGit on disk.
 *
 * <p>Layout: {@code <tempDir>/<name>} is the repository (default name {@code repo}), created with {@code git init -b
 * main}, with a local {@code user.name}/{@code user.email}, commit signing and automatic gc off, and one initial
 * commit adding {@code README.md}. Because the repository is a sub-folder of the temporary directory, baton's default
 * worktree root {@code <tempDir>/<name>.baton} also lands inside it, so JUnit cleans up worktrees as well.
 *
 * <pre>{@code
 * @TempDir Path tmp;
 *
 * TempRepo repo = TempRepo.create(tmp);
 * try (Session agent = repo.session("agent-a")) {
 *     agent.maintenance().init();
 *     ...
 * }
 * repo.git("log", "--oneline", "refs/baton/board");
 * }</pre>
 *
 * <p>It also starts child JVMs on the test class path ({@link #javaProcess}) and races them behind a start barrier
 * ({@link #race}, with {@link #barrier} on the child's side), so tests can pit real processes against each other.
 */
public final class TempRepo {

    /** The identity the repository's own commits (and {@code git commit} in its worktrees) are made with. */
    public static final String USER_NAME = "Test User";
    public static final String USER_EMAIL = "test@example.com";

    private final Path dir;

    private TempRepo(Path dir) {
        this.dir = dir;
    }

    /** A new repository at {@code <tempDir>/repo} with one commit on {@code main}. */
    public static TempRepo create(Path tempDir) {
        return create(tempDir, "repo");
    }

    /** A new repository at {@code <tempDir>/<name>} with one commit on {@code main}. */
    public static TempRepo create(Path tempDir, String name) {
        Path dir = tempDir.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gitIn(dir, "init", "-q", "-b", "main");
        TempRepo repo = new TempRepo(dir);
        repo.configure(USER_NAME, USER_EMAIL);
        repo.commitFile("README.md", "# test repository\n", "initial commit");
        return repo;
    }

    /**
     * A new repository at {@code <tempDir>/repo} (as {@link #create}) with the board made by {@code lead} through the
     * app layer.
     */
    public static TempRepo withBoard(Path tempDir) {
        TempRepo repo = create(tempDir);
        try (Session lead = repo.session("lead")) {
            lead.maintenance().init();
        }
        return repo;
    }

    /**
     * A clone of {@code url} at {@code <tempDir>/<name>}, configured as {@link #create} configures a repository, with
     * {@code name} as its identity's name.
     */
    public static TempRepo cloneOf(Path tempDir, String url, String name) {
        Path dir = tempDir.resolve(name);
        gitIn(tempDir, "clone", "-q", url, dir.toString());
        TempRepo repo = new TempRepo(dir);
        repo.configure(name, name + "@example.com");
        return repo;
    }

    /**
     * The repository's local configuration: an identity, no commit signing, no line-ending conversion, and no
     * automatic gc or maintenance in the background of a test (counts of loose objects must stay put). Appended to
     * {@code .git/config} in one write rather than by six {@code git config} processes.
     */
    private void configure(String userName, String userEmail) {
        Path config = dir.resolve(".git").resolve("config"); // made by git init or git clone just before
        String lines = "[user]\n\tname = " + userName + "\n\temail = " + userEmail + "\n"
                + "[commit]\n\tgpgsign = false\n"
                + "[core]\n\tautocrlf = false\n"
                + "[gc]\n\tauto = 0\n"
                + "[maintenance]\n\tauto = false\n";
        try {
            Files.writeString(config, lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's folder (its main worktree). */
    public Path dir() {
        return dir;
    }

    public File file() {
        return dir.toFile();
    }

    /** Where baton puts task worktrees unless {@code baton.worktreeRoot} says otherwise: {@code <repo>.baton}. */
    public Path defaultWorktreeRoot() {
        return dir.resolveSibling(dir.getFileName() + ".baton");
    }

    // ---- git -------------------------------------------------------------------------------------------------

    /** Runs git in the repository; fails the test unless it exits 0. Returns stdout. */
    public String git(String... args) {
        return gitIn(dir, args);
    }

    /** Runs git in the repository whatever the exit code. */
    public Run tryGit(String... args) {
        return tryGitIn(dir, args);
    }

    /** Runs git in {@code workDir}; fails the test unless it exits 0. Returns stdout. */
    public static String gitIn(Path workDir, String... args) {
        return gitWith(workDir, Map.of(), args);
    }

    /** Runs git in {@code workDir} whatever the exit code. */
    public static Run tryGitIn(Path workDir, String... args) {
        return tryGitWith(workDir, Map.of(), args);
    }

    /** Runs git in {@code workDir} with {@code env} added to its environment; fails the test unless it exits 0. */
    public static String gitWith(Path workDir, Map<String, String> env, String... args) {
        Run r = tryGitWith(workDir, env, args);
        if (r.exit() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " in " + workDir + " exited " + r.exit()
                    + ":\n" + r.err() + r.out());
        }
        return r.out();
    }

    /** Runs git in {@code workDir} with {@code env} added to its environment, whatever the exit code. */
    public static Run tryGitWith(Path workDir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> transfer(p.getErrorStream(), err), "git-stderr");
            drain.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            drain.join();
            return new Run(code, out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running git", e);
        }
    }

    /** {@code git rev-parse --verify <rev>} in the repository. */
    public String rev(String rev) {
        return git("rev-parse", "--verify", rev).strip();
    }

    /** Whether {@code rev} names an object in the repository. */
    public boolean exists(String rev) {
        return tryGit("rev-parse", "--verify", "--quiet", rev).exitedZero();
    }

    /** Writes {@code path} in the main worktree, commits it with real {@code git commit}; returns the new commit id. */
    public String commitFile(String path, String content, String message) {
        return commitFileIn(dir, path, content, message);
    }

    /** Writes {@code path} in {@code worktree} and commits it there with {@code git commit}; returns the commit id. */
    public static String commitFileIn(Path worktree, String path, String content, String message) {
        writeFile(worktree.resolve(path), content);
        gitIn(worktree, "add", "--", path);
        gitIn(worktree, "commit", "-q", "-m", message);
        return gitIn(worktree, "rev-parse", "HEAD").strip();
    }

    /**
     * Writes {@code path} in the task worktree {@code worktree} and commits it as an agent's {@code git commit} does with
     * baton's hooks installed: with the {@code Baton-Task} and {@code Baton-Epoch} trailers the commit-msg hook adds (the
     * task from the worktree's branch {@code task/<id>}, the epoch from the record baton keeps of the worktree). Returns
     * the commit id.
     */
    public static String commitInTask(Path worktree, String path, String content, String message) {
        String branch = gitIn(worktree, "symbolic-ref", "--short", "HEAD").strip();
        if (!branch.startsWith("task/")) {
            throw new AssertionError(worktree + " is on " + branch + ", not on a task branch");
        }
        String id = branch.substring("task/".length());
        Path record = Path.of(gitIn(worktree, "rev-parse", "--path-format=absolute", "--git-common-dir").strip())
                .resolve("baton/worktrees/" + id + ".json");
        java.util.regex.Matcher epoch = java.util.regex.Pattern.compile("\"epoch\":(\\d+)").matcher(read(record));
        if (!epoch.find()) {
            throw new AssertionError("no epoch in " + record + ": " + read(record));
        }
        writeFile(worktree.resolve(path), content);
        gitIn(worktree, "add", "--", path);
        gitIn(worktree, "commit", "-q", "-m", message, "--trailer", "Baton-Task: " + id, "--trailer",
                "Baton-Epoch: " + epoch.group(1));
        return gitIn(worktree, "rev-parse", "HEAD").strip();
    }

    /** Writes a file (creating folders), UTF-8. */
    public static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- baton -----------------------------------------------------------------------------------------------

    /** A session for {@code actor} in the repository, on the system clock. Close it. */
    public Session session(String actor) {
        return session(actor, Clock.systemUTC());
    }

    /** A session for {@code actor} in the repository, on {@code clock}. Close it. */
    public Session session(String actor, Clock clock) {
        return sessionAt(dir, actor, clock);
    }

    /** A session opened the way the CLI opens one: from {@code workDir}, which may be inside a worktree. */
    public static Session sessionAt(Path workDir, String actor, Clock clock) {
        return new Session(Repositories.open(workDir.toFile()), clock, actor);
    }

    /** Spawns {@code request} as {@code actor} through the app layer; returns the new task's id. */
    public String spawn(String actor, SpawnRequest request) {
        try (Session c = session(actor)) {
            return c.transitions().spawn(request).task().id();
        }
    }

    /** A fresh JGit view of the repository (as baton opens it). Close it. */
    public Repository openRepository() {
        return Repositories.open(dir.toFile());
    }

    /** A clock stopped at {@code iso} (e.g. "2024-11-22T10:00:00.123Z"). */
    public static Clock fixedClock(String iso) {
        return Clock.fixed(Instant.parse(iso), ZoneOffset.UTC);
    }

    // ---- child processes -------------------------------------------------------------------------------------

    /**
     * A process running {@code mainClass} in a new JVM on this JVM's class path (so test classes are there too).
     * Start it yourself; redirect its output to files so that it never blocks on a full pipe.
     */
    public static ProcessBuilder javaProcess(Class<?> mainClass, String... args) {
        return Jvm.process(mainClass, args);
    }

    /**
     * Races child JVMs: starts one per entry of {@code argLists}, each running {@code mainClass} with its arguments
     * followed by two more, a ready file and a go file (the child calls {@link #barrier} with them once it is set up).
     * When every child is ready the go file appears and they all proceed at once; then waits for every one to end.
     * Children still running when this returns or throws are killed. Output goes to files under {@code workDir}.
     *
     * @param timeout how long to wait for the children to get ready, and then again for them to finish
     * @return the results, in the order of {@code argLists}
     */
    public static List<Run> race(Path workDir, Class<?> mainClass, List<List<String>> argLists,
                                         Duration timeout) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(workDir), "race-");
            Path go = dir.resolve("go");
            List<Process> processes = new ArrayList<>();
            List<Path> readies = new ArrayList<>();
            try {
                for (int i = 0; i < argLists.size(); i++) {
                    Path ready = dir.resolve("ready-" + i);
                    readies.add(ready);
                    List<String> args = new ArrayList<>(argLists.get(i));
                    args.add(ready.toString());
                    args.add(go.toString());
                    ProcessBuilder pb = javaProcess(mainClass, args.toArray(String[]::new));
                    pb.redirectOutput(dir.resolve("out-" + i).toFile());
                    pb.redirectError(dir.resolve("err-" + i).toFile());
                    processes.add(pb.start());
                }
                long deadline = System.nanoTime() + timeout.toNanos();
                for (int i = 0; i < processes.size(); i++) {
                    while (!Files.exists(readies.get(i))) {
                        Process p = processes.get(i);
                        if (!p.isAlive()) {
                            throw new AssertionError("child " + i + " ended before it was ready, exit code "
                                    + p.exitValue() + ":\n" + read(dir.resolve("err-" + i)) + read(dir.resolve("out-" + i)));
                        }
                        if (System.nanoTime() - deadline > 0) {
                            throw new AssertionError("child " + i + " was not ready after " + timeout);
                        }
                        Thread.sleep(5);
                    }
                }
                touchAtomically(go, "go\n");
                List<Run> results = new ArrayList<>();
                for (int i = 0; i < processes.size(); i++) {
                    Process p = processes.get(i);
                    if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        throw new AssertionError("child " + i + " did not finish within " + timeout + ":\n"
                                + read(dir.resolve("err-" + i)));
                    }
                    results.add(new Run(p.exitValue(), read(dir.resolve("out-" + i)),
                            read(dir.resolve("err-" + i))));
                }
                return results;
            } finally {
                ChildProcesses.end(processes.stream().map(Process::toHandle).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while racing children", e);
        }
    }

    /**
     * The child side of {@link #race}: says it is ready, then waits (at most a minute) for the go file. Call it once
     * everything slow (JVM start, opening the repository, loading classes) is done, right before the racing step.
     */
    public static void barrier(Path readyFile, Path goFile) {
        touchAtomically(readyFile, "ready\n");
        awaitFile(goFile, Duration.ofMinutes(1));
    }

    /**
     * Waits until {@code file} exists, polling, for at most {@code timeout}; the start barrier of racing processes.
     *
     * @throws IllegalStateException when the deadline passes first
     */
    public static void awaitFile(Path file, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up waiting for " + file + " after " + timeout);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + file, e);
            }
        }
    }

    /** Creates {@code file} atomically (write to a temporary name, then rename), so pollers never see it half made. */
    public static void touchAtomically(Path file, String content) {
        try {
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp" + ProcessHandle.current().pid());
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's text, or "" when it does not exist. */
    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void transfer(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended; what was read is what there is
        }
    }
}

package dev.baton.remote;

import dev.baton.cli.Main;
import dev.baton.hooks.HookInstaller;
import dev.baton.testing.TempRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real git server for remote-mode tests, on this machine only: a bare repository ({@code <root>/srv.git}) with
 * {@code main} pushed from a seed repository and HEAD pointing at it, reached over its file path or through
 * {@code git daemon --enable=receive-pack} listening on a free port of 127.0.0.1. The daemon is a child process of the
 * test, stopped in {@link #close()}; it can be stopped and started again on the same port (a partition).
 *
 * <p>Clones are made with {@code git clone}; baton runs in them in this JVM ({@link #baton}) or as a child JVM running
 * the CLI ({@link #batonProcess}).
 */
final class GitServer implements AutoCloseable {

    /** A generous bound on one child process, so that a hang fails the test rather than stalling the build. */
    static final Duration CALL_LIMIT = Duration.ofSeconds(180);

    /** What a baton call printed and how it ended. */
    record Result(int exit, String out, String err) {
        String value() {
            return out.strip();
        }

        Result ok() {
            if (exit != 0) {
                throw new AssertionError("expected exit 0: " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    private final Path root;
    private final Path bare;
    private final Path logs;
    private final List<Process> children = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private Process daemon;
    private int port;

    private GitServer(Path root) {
        this.root = root;
        this.bare = root.resolve("srv.git");
        this.logs = root.resolve("logs");
    }

    /**
     * A bare repository under {@code tmp/server} with one commit on {@code main}; with {@code validator}, baton's
     * server-side update hook installed ({@code baton hooks install --server}), running the CLI as
     * {@link HookRuntime#command()} says.
     */
    static GitServer create(Path tmp, boolean validator) {
        Path root = tmp.resolve("server");
        GitServer s = new GitServer(root);
        try {
            Files.createDirectories(s.logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TempRepo.gitIn(root, "init", "-q", "--bare", s.bare.toString());
        TempRepo.gitIn(s.bare, "config", "gc.auto", "0");
        TempRepo seed = TempRepo.create(tmp, "seed");
        seed.git("push", "-q", s.bare.toString(), "main");
        // clones check out what HEAD names: make it main whatever init.defaultBranch says
        TempRepo.gitIn(s.bare, "symbolic-ref", "HEAD", "refs/heads/main");
        if (validator) {
            baton(tmp, "admin", "hooks", "install", "--server", s.bare.toString(), "--baton", HookRuntime.command()).ok();
        }
        return s;
    }

    Path bare() {
        return bare;
    }

    /** The bare repository as a remote URL: its path. */
    String fileUrl() {
        return bare.toString();
    }

    /** The daemon's URL of the bare repository. */
    String url() {
        if (port == 0) {
            throw new IllegalStateException("the daemon was never started");
        }
        return "git://127.0.0.1:" + port + "/srv.git";
    }

    int port() {
        return port;
    }

    // ---- the daemon ------------------------------------------------------------------------------------------

    /** Starts {@code git daemon} (on a free loopback port the first time, on the same one after a stop). */
    void startDaemon() {
        if (daemon != null && daemon.isAlive()) {
            throw new IllegalStateException("the daemon is running already");
        }
        if (port == 0) {
            try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ProcessBuilder pb = new ProcessBuilder("git", "daemon", "--reuseaddr", "--base-path=" + root, "--export-all",
                "--enable=receive-pack", "--listen=127.0.0.1", "--port=" + port,
                "--pid-file=" + root.resolve("daemon.pid"), root.toString());
        pb.environment().remove("BATON");
        pb.environment().remove("BATON_AGENT");
        int n = counter.incrementAndGet();
        pb.redirectOutput(logs.resolve(n + "-daemon.out").toFile()).redirectError(logs.resolve(n + "-daemon.err").toFile());
        try {
            daemon = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!accepts()) {
            if (!daemon.isAlive()) {
                throw new AssertionError("git daemon exited " + daemon.exitValue() + ": "
                        + TempRepo.read(logs.resolve(n + "-daemon.err")));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("git daemon does not accept connections on port " + port);
            }
            sleep(20);
        }
    }

    /**
     * Stops the daemon (SIGTERM, as an administrator would): no new connection is accepted; a push it is already
     * serving carries on to its end, as it would on a real server.
     */
    void stopDaemon() {
        if (daemon == null) {
            return;
        }
        daemon.destroy();
        try {
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
                daemon.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (accepts() && System.nanoTime() - deadline < 0) {
            sleep(20);
        }
    }

    /**
     * Kills (SIGKILL) every process the daemon started to serve a connection, the hooks they run included, and
     * leaves the daemon listening: what a client sees when the server dies in the middle of its push.
     */
    void killConnections() {
        kill(connections());
    }

    /** Stops the daemon and kills the connections it was serving: the server is gone, mid-push. */
    void crash() {
        List<ProcessHandle> serving = connections();
        stopDaemon();
        kill(serving);
    }

    /** The processes serving connections: the daemon's descendants but the listener (git-daemon without --serve). */
    private List<ProcessHandle> connections() {
        return daemon.descendants().filter(p -> {
            String cmd = p.info().commandLine().orElse("");
            return !(cmd.contains("git-daemon") && !cmd.contains("--serve"));
        }).toList();
    }

    private static void kill(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("process " + p.pid() + " did not die", e);
            }
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Puts {@code script} (a shell script) before baton's validator: git runs it as {@code update.pre-baton} with
     * {@code <ref> <old> <new>}; a non-zero exit refuses the ref. Used to hold a push at the server at a chosen moment.
     */
    void preHook(String script) {
        hook("update" + HookInstaller.CHAINED, script);
    }

    /** Writes {@code script} as the bare repository's hook {@code name}. */
    void hook(String name, String script) {
        Path hook = bare.resolve("hooks").resolve(name);
        try {
            Files.createDirectories(hook.getParent());
            Files.writeString(hook, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the server's refs -----------------------------------------------------------------------------------

    /** {@code git rev-parse} in the bare repository. */
    String rev(String ref) {
        return TempRepo.gitIn(bare, "rev-parse", "--verify", ref).strip();
    }

    String git(String... args) {
        return TempRepo.gitIn(bare, args);
    }

    // ---- clones ----------------------------------------------------------------------------------------------

    /** {@code git clone <url> <tmp>/<name>}, with an identity and no automatic gc; returns its folder. */
    static Path cloneOf(Path tmp, String url, String name) {
        Path dir = tmp.resolve(name);
        TempRepo.gitIn(tmp, "clone", "-q", url, dir.toString());
        TempRepo.gitIn(dir, "config", "user.name", name);
        TempRepo.gitIn(dir, "config", "user.email", name + "@example.com");
        TempRepo.gitIn(dir, "config", "commit.gpgsign", "false");
        TempRepo.gitIn(dir, "config", "gc.auto", "0");
        TempRepo.gitIn(dir, "config", "maintenance.auto", "false");
        return dir;
    }

    /** A clone through the daemon, in remote mode ({@code baton init --remote origin}). */
    Path remoteClone(Path tmp, String name) {
        Path dir = cloneOf(tmp, url(), name);
        baton(dir, name, "init", "--remote", "origin").ok();
        return dir;
    }

    /** Whether the clone's board is one the server has: its tip is the server's tip or an ancestor of it. */
    static boolean boardIsOnServer(Path clone) {
        TempRepo.gitIn(clone, "fetch", "-q", "--no-tags", "origin", "+refs/baton/board:refs/test/server-board");
        return TempRepo.tryGitIn(clone, "merge-base", "--is-ancestor", "refs/baton/board", "refs/test/server-board").ok();
    }

    // ---- baton -----------------------------------------------------------------------------------------------

    /** Runs the baton CLI in this JVM as {@code agent} in {@code dir} (for setting up and for quick checks). */
    static Result baton(Path dir, String agent, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = dev.baton.cli.BatonCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("-C", dir.toString(), "--as", agent));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs the baton CLI in a child JVM in {@code dir} as {@code agent}, to its end. */
    Result batonProcess(Path dir, String agent, String... args) {
        ProcessBuilder pb = TempRepo.javaProcess(Main.class, args).directory(dir.toFile());
        pb.environment().put("BATON_AGENT", agent);
        return await(start(pb, "baton-" + (args.length == 0 ? "" : args[0])), CALL_LIMIT);
    }

    /** Starts a worker main of this package in a child JVM, its output in files. */
    Process startMain(Class<?> main, String name, String... args) {
        return start(TempRepo.javaProcess(main, args), name);
    }

    private Process start(ProcessBuilder pb, String name) {
        int n = counter.incrementAndGet();
        pb.redirectOutput(logs.resolve(n + "-" + name + ".out").toFile())
                .redirectError(logs.resolve(n + "-" + name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("BATON");
        try {
            Process p = pb.start();
            children.add(p);
            outputs.put(p, new Path[] {logs.resolve(n + "-" + name + ".out"), logs.resolve(n + "-" + name + ".err")});
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Map<Process, Path[]> outputs = new java.util.concurrent.ConcurrentHashMap<>();

    /** Waits for a child of {@link #startMain} or {@link #batonProcess} to end; kills it past {@code limit}. */
    Result await(Process p, Duration limit) {
        Path[] files = outputs.get(p);
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child " + p.pid() + " still running after " + limit + "\n--- stdout:\n"
                        + TempRepo.read(files[0]) + "--- stderr:\n" + TempRepo.read(files[1]));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Result(p.exitValue(), TempRepo.read(files[0]), TempRepo.read(files[1]));
    }

    /** Kills the children still running and stops the daemon. */
    @Override
    public void close() {
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        if (daemon != null && daemon.isAlive()) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroy();
            try {
                if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- polling ---------------------------------------------------------------------------------------------

    /** Polls {@code condition} until it holds, failing with {@code what} once {@code limit} has passed. */
    static void await(String what, Duration limit, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + limit + " waiting for " + what);
            }
            sleep(25);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Appends a line of tab-separated fields to a file, so a reader (or a SIGKILL) sees whole lines. */
    static void appendLine(Path file, Object... fields) {
        String line = String.join("\t", java.util.Arrays.stream(fields)
                .map(f -> String.valueOf(f).replace('\n', ' ').replace('\t', ' ')).toList());
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        return TempRepo.read(file).lines().filter(l -> !l.isEmpty()).toList();
    }
}

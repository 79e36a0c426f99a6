package dev.baton.remote;

import dev.baton.cli.Main;
import dev.baton.hooks.HookInstaller;
import dev.baton.testing.ChildProcesses;
import dev.baton.testing.Cli;
import dev.baton.testing.Jvm;
import dev.baton.testing.Poll;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real git server for remote-mode tests, on this machine only: a bare repository ({@code <root>/srv.git}) with
 * {@code main} pushed from a seed repository and HEAD pointing at it, reached over its file path or through
 * {@code git daemon --enable=receive-pack} listening on a free port of 127.0.0.1. The daemon is a child process of the
 * test, stopped in {@link #close()}; it can be stopped and started again on the same port (a partition).
 *
 * <p>Clones are made with {@code git clone}; baton runs in them in this JVM ({@link Cli}) or as a child JVM running the
 * CLI ({@link #batonProcess}), which {@link #close()} kills if it is still running.
 */
final class GitServer implements AutoCloseable {

    /** A generous bound on one child process, so that a hang fails the test rather than stalling the build. */
    static final Duration CALL_LIMIT = Processes.CALL_LIMIT;

    private final Path root;
    private final Path bare;
    private final Path logs;
    private final Processes children;
    private final AtomicInteger counter = new AtomicInteger();
    private Process daemon;
    private int port;

    private GitServer(Path root) {
        this.root = root;
        this.bare = root.resolve("srv.git");
        this.logs = root.resolve("logs");
        this.children = new Processes(logs);
    }

    /**
     * A bare repository under {@code tmp/server} with one commit on {@code main}; with {@code validator}, baton's
     * server-side update hook installed ({@code baton hooks install --server}), running the CLI in a child JVM as
     * {@link Jvm} starts them (a JVM per pushed ref is most of what a push costs).
     */
    static GitServer create(Path tmp, boolean validator) {
        Path root = tmp.resolve("server");
        GitServer s = new GitServer(root);
        TempRepo.gitIn(root, "init", "-q", "--bare", s.bare.toString());
        TempRepo.gitIn(s.bare, "config", "gc.auto", "0");
        TempRepo seed = TempRepo.create(tmp, "seed");
        seed.git("push", "-q", s.bare.toString(), "main");
        // clones check out what HEAD names: make it main whatever init.defaultBranch says
        TempRepo.gitIn(s.bare, "symbolic-ref", "HEAD", "refs/heads/main");
        if (validator) {
            Cli.as(tmp, "admin", "hooks", "install", "--server", s.bare.toString(), "--baton",
                    Jvm.shellCommand(Main.class)).succeeds();
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
            Poll.sleep(20);
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
            Poll.sleep(20);
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

    /** A clone through the daemon, in remote mode ({@code baton init --remote origin}). */
    Path remoteClone(Path tmp, String name) {
        Path dir = TempRepo.cloneOf(tmp, url(), name).dir();
        Cli.as(dir, name, "init", "--remote", "origin").succeeds();
        return dir;
    }

    /** Whether the clone's board is one the server has: its tip is the server's tip or an ancestor of it. */
    static boolean boardIsOnServer(Path clone) {
        TempRepo.gitIn(clone, "fetch", "-q", "--no-tags", "origin", "+refs/baton/board:refs/test/server-board");
        return TempRepo.tryGitIn(clone, "merge-base", "--is-ancestor", "refs/baton/board", "refs/test/server-board")
                .exitedZero();
    }

    // ---- baton -----------------------------------------------------------------------------------------------

    /** Runs the baton CLI in a child JVM in {@code dir} as {@code agent}, to its end. */
    Run batonProcess(Path dir, String agent, String... args) {
        return children.baton(dir, agent, args);
    }

    /** Starts a worker main of this package in a child JVM, its output in files. */
    Processes.Child startMain(Class<?> main, String name, String... args) {
        return children.startMain(main, name, args);
    }

    /** Kills the children still running and the daemon, with what it serves. */
    @Override
    public void close() {
        children.close();
        if (daemon != null) {
            ChildProcesses.end(List.of(daemon.toHandle()));
        }
    }
}

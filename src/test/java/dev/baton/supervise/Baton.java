package dev.baton.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.store.LoggedEvent;
import dev.baton.app.SpawnRequest;
import dev.baton.cli.Main;
import dev.baton.core.Task;
import dev.baton.testing.ChildProcesses;
import dev.baton.testing.Cli;
import dev.baton.testing.Jvm;
import dev.baton.testing.Poll;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.Signals;
import dev.baton.testing.TempRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A repository with a board, and the baton CLI run against it as child JVMs ({@code -C <repo> --as <agent>}) with
 * their output in files. Agent scripts are bash written to files here. {@link #close()} kills the children still
 * running and every process whose pid a script left in a pid file.
 */
final class Baton implements AutoCloseable {

    private final TempRepo repo;
    private final Path scratch;
    private final Processes children;

    private Baton(TempRepo repo, Path scratch) {
        this.repo = repo;
        this.scratch = scratch;
        this.children = new Processes(scratch);
    }

    /** A repository at {@code <tmp>/repo} with a board, and a scratch folder {@code <tmp>/scratch} for scripts and logs. */
    static Baton create(Path tmp) {
        TempRepo repo = TempRepo.withBoard(tmp);
        try {
            return new Baton(repo, Files.createDirectories(tmp.resolve("scratch")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TempRepo repo() {
        return repo;
    }

    Path scratch() {
        return scratch;
    }

    /** A scratch file's path (not created). */
    Path file(String name) {
        return scratch.resolve(name);
    }

    // ---- the board, in this JVM ------------------------------------------------------------------------------

    String spawn(String title) {
        return repo.spawn("lead", SpawnRequest.of(title).withSpec("do " + title));
    }

    Task task(String id) {
        try (Session reader = repo.session("reader")) {
            return reader.board().task(id);
        }
    }

    /** The names of the board commands recorded for {@code id}, oldest first. */
    List<String> history(String id) {
        try (Session reader = repo.session("reader")) {
            List<String> names = new ArrayList<>();
            for (LoggedEvent e : reader.board().log(id, 0)) {
                names.add(0, e.event().command().name());
            }
            return names;
        }
    }

    // ---- child processes -------------------------------------------------------------------------------------

    /** Starts {@code baton -C <repo> --as <agent> args...} in a child JVM, working in the scratch folder. */
    Processes.Child start(String agent, String... args) {
        return children.start(process(agent, args), args.length == 0 ? "baton" : args[0]);
    }

    /**
     * {@link #start}, with SIGINT at its default in the child whatever this JVM inherited ({@link Signals}), so that a
     * Ctrl-C ({@code kill -INT}) reaches it.
     */
    Processes.Child startInterruptible(String agent, String... args) {
        return children.start(Signals.receivingSigint(process(agent, args)), args.length == 0 ? "baton" : args[0]);
    }

    private ProcessBuilder process(String agent, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", repo.dir().toString(), "--as", agent));
        all.addAll(List.of(args));
        ProcessBuilder pb = Jvm.process(Main.class, all.toArray(String[]::new)).directory(scratch.toFile());
        pb.environment().put("BATON_WRITE_TIMEOUT", "10s");
        return pb;
    }

    /** Runs {@code baton -C <repo> --as <agent> args...} to the end. */
    Run run(String agent, String... args) {
        return start(agent, args).await();
    }

    /**
     * Runs the baton CLI inside this JVM with {@code -C <repo> --as <agent>}, output captured: for commands that only
     * read (logs), where a JVM start would buy nothing.
     */
    Run inProcess(String agent, String... args) {
        return Cli.as(repo.dir(), agent, args);
    }

    /** Runs an OS command to the end (e.g. {@code kill -INT <pid>}). */
    Run os(String... cmd) {
        return children.os(cmd);
    }

    /** Writes an executable bash script {@code <scratch>/<name>} and returns its path. */
    String script(String name, String body) {
        Path f = scratch.resolve(name);
        try {
            Files.writeString(f, "#!/usr/bin/env bash\n" + body, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f.toString();
    }

    /** Waits (generously) until {@code file} holds a pid, and returns it. */
    long awaitPid(Path file, Processes.Child watched) {
        await("a pid in " + file.getFileName(), () -> {
            if (watched != null && !watched.alive()) {
                throw new AssertionError("baton ended before the agent wrote its pid: " + watched);
            }
            return TempRepo.read(file).strip().matches("\\d+");
        });
        return Long.parseLong(TempRepo.read(file).strip());
    }

    /** Whether a process is running: it exists and is not a zombie waiting to be reaped. */
    static boolean running(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat);
            // "pid (comm) S ...": the state follows the last ')'
            String rest = s.substring(s.lastIndexOf(')') + 1).strip();
            return !rest.startsWith("Z") && !rest.startsWith("X");
        } catch (IOException e) {
            return false;
        }
    }

    /** Asserts that the process is gone (allowing a little time for it to be reaped). */
    static void assertGone(long pid, String what) {
        await(what + " (pid " + pid + ") to be gone", () -> !running(pid));
        assertThat(running(pid)).as(what).isFalse();
    }

    /** Polls {@code condition} until it holds, for at most two minutes. */
    static void await(String what, BooleanSupplier condition) {
        Poll.await(what, Duration.ofMinutes(2), condition);
    }

    static void sleep(long millis) {
        Poll.sleep(millis);
    }

    /** Kills every child still running and every process a script recorded in a {@code *.pid} file. */
    @Override
    public void close() {
        List<ProcessHandle> agents = new ArrayList<>();
        try (var files = Files.list(scratch)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList()) {
                for (String line : TempRepo.read(f).lines().toList()) {
                    if (line.strip().matches("\\d+")) {
                        // only an agent's own processes: a pid that ended may have been reused by now
                        ProcessHandle.of(Long.parseLong(line.strip()))
                                .filter(h -> h.info().command().map(c -> c.endsWith("bash") || c.endsWith("sleep"))
                                        .orElse(false))
                                .ifPresent(agents::add);
                    }
                }
            }
        } catch (IOException ignored) {
            // nothing recorded
        }
        ChildProcesses.end(agents);
        children.close();
    }
}

package dev.baton.testing;

import dev.baton.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child processes of one test: real JVMs (the baton CLI, or a worker main on the test class path, started as
 * {@link Jvm} says) and plain commands, with their output in files under a logs folder, so a full pipe never blocks
 * them and a failure can show what they printed. {@link #close()} kills whatever is still running, with its
 * descendants ({@link ChildProcesses#end}); a test that makes them with {@link ChildProcesses#logsIn} has that done
 * when it ends.
 */
public final class Processes implements AutoCloseable {

    /** A generous bound on one call, so that a hang fails the test instead of stalling the build. */
    public static final Duration CALL_LIMIT = Duration.ofMinutes(3);

    /** A started child and the files its output goes to. */
    public record Child(Process process, Path out, Path err) {

        public long pid() {
            return process.pid();
        }

        public boolean alive() {
            return process.isAlive();
        }

        public String stdout() {
            return TempRepo.read(out);
        }

        public String stderr() {
            return TempRepo.read(err);
        }

        /** Waits for the end ({@link #CALL_LIMIT} at most). */
        public Run await() {
            return await(CALL_LIMIT);
        }

        /** Waits for the end; kills the child and fails past {@code limit}. */
        public Run await(Duration limit) {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    ChildProcesses.end(List.of(process.toHandle()));
                    throw new AssertionError("child " + process.pid() + " still running after " + limit
                            + "\n--- stdout:\n" + stdout() + "--- stderr:\n" + stderr());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new Run(process.exitValue(), stdout(), stderr());
        }

        @Override
        public String toString() {
            return "pid " + pid() + (alive() ? " (running)" : " exit " + process.exitValue())
                    + "\n--- stdout:\n" + stdout() + "--- stderr:\n" + stderr();
        }
    }

    private final Path logs;
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();

    /** Children whose output goes to files in {@code logs} (created). */
    public Processes(Path logs) {
        this.logs = logs;
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code pb} (stdin from /dev/null) with its output sent to files named after {@code name}. */
    public Child start(ProcessBuilder pb, String name) {
        int n = counter.incrementAndGet();
        Path out = logs.resolve(n + "-" + name + ".out");
        Path err = logs.resolve(n + "-" + name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process p = pb.start();
            started.add(p);
            return new Child(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code main} in a child JVM on the test class path. */
    public Child startMain(Class<?> main, String name, String... args) {
        return start(Jvm.process(main, args), name);
    }

    /**
     * Starts the baton CLI in a child JVM, working in {@code dir}, as {@code agent} through {@code BATON_AGENT} (none
     * when null), with {@code env} added to its environment (a null value removes the variable).
     */
    public Child startBaton(Path dir, String agent, Map<String, String> env, String... args) {
        ProcessBuilder pb = Jvm.process(Main.class, args).directory(dir.toFile());
        if (agent != null) {
            pb.environment().put("BATON_AGENT", agent);
        }
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        return start(pb, "baton-" + (args.length == 0 ? "" : args[0]));
    }

    /** Runs the baton CLI in a child JVM to its end (see {@link #startBaton}). */
    public Run baton(Path dir, String agent, String... args) {
        return startBaton(dir, agent, Map.of(), args).await();
    }

    /** {@link #baton} with more environment. */
    public Run batonWith(Path dir, String agent, Map<String, String> env, String... args) {
        return startBaton(dir, agent, env, args).await();
    }

    /** Runs a plain OS command to its end (e.g. {@code kill -STOP <pid>}). */
    public Run os(String... cmd) {
        return start(new ProcessBuilder(cmd), "os-" + Path.of(cmd[0]).getFileName()).await();
    }

    /** The children started so far. */
    List<ProcessHandle> handles() {
        return started.stream().map(Process::toHandle).toList();
    }

    /** SIGKILLs every child still running, and its descendants, and waits for them to be gone. */
    @Override
    public void close() {
        ChildProcesses.end(handles());
    }
}

package dev.baton.concurrency;

import dev.baton.cli.Main;
import dev.baton.testing.TempRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child processes of one test: real JVMs (the baton CLI, or a worker main of this package) with their output in
 * files, so a full pipe never blocks them. {@link #close()} kills whatever is still running.
 */
final class Children implements AutoCloseable {

    /** A generous bound on one CLI call, so that a hang fails the test instead of stalling the build. */
    static final Duration CALL_LIMIT = Duration.ofSeconds(300);

    /** What a finished process printed and how it ended. */
    record Result(int exit, String out, String err) {
        String value() {
            return out.strip();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    /** A started child and the files its output goes to. */
    record Child(Process process, Path out, Path err) {
        long pid() {
            return process.pid();
        }

        String stdout() {
            return TempRepo.read(out);
        }

        String stderr() {
            return TempRepo.read(err);
        }

        Result await(Duration limit) {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("child " + process.pid() + " still running after " + limit
                            + "\n--- stdout:\n" + stdout() + "--- stderr:\n" + stderr());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new Result(process.exitValue(), stdout(), stderr());
        }
    }

    private final Path logs;
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();

    Children(Path logs) {
        this.logs = logs;
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code pb} with its output sent to files named after {@code name}. */
    Child start(ProcessBuilder pb, String name) {
        int n = counter.incrementAndGet();
        Path out = logs.resolve(n + "-" + name + ".out");
        Path err = logs.resolve(n + "-" + name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        try {
            Process p = pb.start();
            started.add(p);
            return new Child(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code main} of this package in a new JVM on the test class path. */
    Child startMain(Class<?> main, String name, String... args) {
        return start(TempRepo.javaProcess(main, args), name);
    }

    /** Starts the baton CLI in {@code dir} as {@code agent} (null: no BATON_AGENT), with extra environment. */
    Child startBaton(Path dir, String agent, Map<String, String> env, String... args) {
        ProcessBuilder pb = TempRepo.javaProcess(Main.class, args).directory(dir.toFile());
        if (agent != null) {
            pb.environment().put("BATON_AGENT", agent);
        }
        pb.environment().putAll(env);
        return start(pb, "baton-" + (args.length == 0 ? "" : args[0]));
    }

    /** Runs the baton CLI to the end. */
    Result baton(Path dir, String agent, String... args) {
        return startBaton(dir, agent, Map.of(), args).await(CALL_LIMIT);
    }

    Result batonWith(Path dir, String agent, Map<String, String> env, String... args) {
        return startBaton(dir, agent, env, args).await(CALL_LIMIT);
    }

    /** Runs a plain OS command to the end (e.g. {@code kill -STOP}). */
    Result os(String... cmd) {
        return start(new ProcessBuilder(cmd), "os-" + Path.of(cmd[0]).getFileName()).await(CALL_LIMIT);
    }

    /**
     * Runs the baton CLI inside this JVM (for setting a board up quickly; races always use child processes), with
     * {@code -C dir} and {@code --as agent}.
     */
    static Result inProcess(Path dir, String agent, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = dev.baton.cli.BatonCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of("-C", dir.toString(), "--as", agent));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    /** {@link #inProcess} that must succeed; returns what it printed, stripped. */
    static String inProcessOk(Path dir, String agent, String... args) {
        Result r = inProcess(dir, agent, args);
        if (r.exit() != 0) {
            throw new AssertionError("baton " + String.join(" ", args) + ": " + r);
        }
        return r.value();
    }

    /** SIGKILLs every child still running and waits for it to be gone. */
    @Override
    public void close() {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        for (Process p : started) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    /** Appends one line to a file and forces it out, so that a reader (or a SIGKILL) sees whole lines. */
    static void appendLine(Path file, String line) {
        try {
            Files.writeString(file, line.replace('\n', ' ') + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of a file ("" lines dropped); empty when it does not exist. */
    static List<String> lines(Path file) {
        return TempRepo.read(file).lines().filter(l -> !l.isEmpty()).toList();
    }

    /** Polls {@code condition} until it holds or {@code limit} passes (then fails with {@code what}). */
    static void await(String what, Duration limit, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + limit + " waiting for " + what);
            }
            sleep(20);
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
}

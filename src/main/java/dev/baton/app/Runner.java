package dev.baton.app;

import dev.baton.core.Handoff;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.git.Git;
import dev.baton.store.Idents;
import dev.baton.store.Trailers;
import dev.baton.worktree.TaskFile;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code baton run}: supervises one attempt of an agent's command on a task. It starts (or resumes) the task, runs the
 * command in the task's worktree with BATON_TASK, BATON_EPOCH, BATON_AGENT, BATON_WORKTREE and BATON_TRACE set,
 * renews the lease from a dedicated thread, stops the command (SIGTERM, then SIGKILL after a grace period) when the
 * lease is lost, the attempt times out or the run is interrupted, keeps the output in a log per attempt, and turns the
 * way the command ended into the task's next transition.
 */
public final class Runner {

    private static final int TAIL_LINES = 20;

    private final Session session;
    private final PrintStream out;

    public Runner(Session session, PrintStream out) {
        this.session = session;
        this.out = out;
    }

    /** Where the output of attempt {@code attempt} of {@code id} is kept. */
    public static File logFile(Session c, String id, int attempt) {
        return new File(c.stateDir(), "logs/" + id + "/attempt-" + attempt + ".log");
    }

    public RunResult run(String id, RunOptions options, AtomicBoolean interrupted) {
        Started started = session.transitions().start(id, null, options.lease());
        Task task = started.task();
        long epoch = task.epoch();
        File worktree = new File(started.workspace().path());
        File log = logFile(session, id, task.attempt());
        log.getParentFile().mkdirs();
        String trace = session.trace() != null ? session.trace() : "run-" + id + "-" + task.attempt();

        ProcessBuilder pb = new ProcessBuilder(options.command()).directory(worktree).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = pb.environment();
        env.put("BATON_TASK", id);
        env.put("BATON_EPOCH", Long.toString(epoch));
        env.put("BATON_AGENT", session.actor());
        env.put("BATON_WORKTREE", worktree.getAbsolutePath());
        env.put("BATON_TRACE", trace);

        Deque<String> tail = new ArrayDeque<>();
        AtomicReference<String> lost = new AtomicReference<>();
        Instant began = session.now();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            Task failed = session.transitions().fail(id, epoch, "could not start `" + options.command().get(0) + "`: "
                    + e.getMessage(), null);
            return new RunResult(RunResult.Outcome.FAILED, afterFailure(failed, options), -1,
                    "could not start the command: " + e.getMessage());
        }
        Thread pump = pump(process, log, tail);
        Session beat = session.sibling();
        ScheduledExecutorService beats = heartbeats(beat, id, epoch, options, process, lost);
        boolean timedOut = false;
        try {
            timedOut = !waitFor(process, options.timeout(), interrupted);
            if (timedOut || interrupted.get()) {
                stop(process, options.grace());
            }
        } finally {
            beats.shutdownNow();
            try {
                // no heartbeat may still be running once this attempt writes its outcome
                beats.awaitTermination(15, TimeUnit.SECONDS);
                pump.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                beat.close();
            }
        }
        int code = process.exitValue();
        String took = Durations.format(Duration.between(began, session.now()));
        String tailText = String.join("\n", tail);

        if (lost.get() != null) {
            return new RunResult(RunResult.Outcome.LEASE_LOST, session.board().task(id), -1, lost.get()
                    + "; the command was stopped");
        }
        if (interrupted.get()) {
            Task back = session.transitions().requeue(id, epoch, new Handoff("interrupted after " + took
                    + "; the work so far is on branch " + started.workspace().branch(), null,
                    tailText.isBlank() ? null : "last output:\n" + tailText, null, null));
            return new RunResult(RunResult.Outcome.INTERRUPTED, back, -1, id + " handed back to the queue");
        }
        if (timedOut || code != 0) {
            String reason = timedOut ? "timed out after " + Durations.format(options.timeout())
                    : "the command exited with " + code;
            Task failed = session.transitions().fail(id, epoch, reason, new Handoff(reason + " after " + took, null,
                    null, null, tailText.isBlank() ? null : "last output:\n" + tailText));
            Task now = afterFailure(failed, options);
            return new RunResult(RunResult.Outcome.FAILED, now, timedOut ? -1 : code, id + ": " + reason
                    + (now.state() == TaskState.QUEUED ? "; queued again for attempt " + now.attempt()
                    + (now.notBefore() == null ? "" : " from " + now.notBefore())
                    : "; FAILED after " + failed.attempt() + " attempt(s)"));
        }
        Git git = new Git(worktree, Map.of("BATON_AGENT", session.actor()));
        boolean dirty = git.check("status", "--porcelain").lines().anyMatch(l -> !l.isBlank());
        if (dirty && !options.commit()) {
            return new RunResult(RunResult.Outcome.UNCOMMITTED, session.board().task(id), 0, id
                    + ": the command left uncommitted changes and committing is off; commit them, then `baton done`");
        }
        if (dirty) {
            git.check("add", "-A");
            // with the trailers baton's commit-msg hook writes (it replaces them when installed), so that the merge
            // does not flag baton's own commit
            git.check("-c", "user.name=" + session.actor(), "-c", "user.email=" + Idents.email(session.actor()),
                    "commit", "--quiet", "-m", id + ": " + task.title() + "\n\nCommitted by baton run after the command succeeded."
                    + "\n\n" + Trailers.line(Trailers.TASK, id) + "\n" + Trailers.line(Trailers.EPOCH, epoch));
        }
        Handoff handoff = readHandoff(worktree).orElse(Handoff.summary("the command succeeded in " + took));
        Task done = session.transitions().done(id, epoch, handoff);
        return new RunResult(RunResult.Outcome.DONE, done, 0, id + " is IN_REVIEW (" + took + ")");
    }

    /** Applies the retry policy to a task that just FAILED: queue it again with backoff while attempts remain. */
    private Task afterFailure(Task failed, RunOptions options) {
        if (failed.attempt() >= session.settings().maxAttempts()) {
            return failed;
        }
        return session.transitions().retry(failed.id(), options.backoffAfter(failed.attempt()));
    }

    private static boolean waitFor(Process p, Duration timeout, AtomicBoolean interrupted) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (p.waitFor(200, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
                return true;
            }
            if (interrupted.get()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
        }
    }

    /**
     * SIGTERM to the command and everything it started, then SIGKILL to what is left after the grace period (the
     * command first, so that it cannot carry on once what it waits for is killed). The signals go through the process
     * handle: {@link Process#destroy()} would also close the command's output, and what it says as it stops would be
     * lost.
     */
    static void stop(Process p, Duration grace) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.toHandle().destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGKILL to the command, then to everything it started (found before it dies, while they are still its own). */
    private static void kill(Process p) {
        java.util.List<ProcessHandle> started = p.descendants().toList();
        p.toHandle().destroyForcibly();
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private ScheduledExecutorService heartbeats(Session beat, String id, long epoch, RunOptions options,
                                                Process process, AtomicReference<String> lost) {
        Duration lease = options.lease() == null ? session.settings().lease() : options.lease();
        long every = Math.max(200, lease.toMillis() / 3);
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-run-heartbeat");
            t.setDaemon(true);
            return t;
        });
        ex.scheduleWithFixedDelay(() -> {
            try {
                Heartbeat hb = beat.leases().heartbeat(id, epoch, null, options.lease());
                if (!hb.renewed()) {
                    // lost to someone else, or taken out of WORKING under us (cancelled, failed): either way this
                    // attempt no longer holds the task, and nothing it does can be recorded
                    lost.set(hb.stopped());
                    stop(process, options.grace());
                }
            } catch (RuntimeException e) {
                // a heartbeat that throws must not end the schedule: the lease would run out unnoticed
                out.println("baton: heartbeat failed: " + e.getMessage() + " (will try again)");
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return ex;
    }

    private Thread pump(Process p, File log, Deque<String> tail) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 Writer w = Files.newBufferedWriter(log.toPath(), StandardCharsets.UTF_8,
                         java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    w.write(line);
                    w.write('\n');
                    w.flush();
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                out.println("baton: could not keep the output log " + log + ": " + e.getMessage());
            }
        }, "baton-run-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static java.util.Optional<Handoff> readHandoff(File worktree) {
        File f = new File(worktree, TaskFile.HANDOFF);
        if (!f.isFile()) {
            return java.util.Optional.empty();
        }
        try {
            Handoff h = TaskFile.parseHandoff(Files.readString(f.toPath(), StandardCharsets.UTF_8));
            Files.deleteIfExists(f.toPath());
            return h.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(h);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}

package dev.baton.hooks;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a hook's time goes, when {@code BATON_HOOK_TIMING} is set: one stderr line with the milliseconds, wall/CPU
 * (the whole process's CPU, all threads), from the JVM's start to {@code main} and then between the marks
 * ("main 95/120, repo 30/41, task 41/52, ...").
 */
final class Timing {

    private static final boolean ON = System.getenv("BATON_HOOK_TIMING") != null;
    private static final StringBuilder LINE = new StringBuilder();
    private static long lastWall;
    private static long lastCpu;

    private Timing() {
    }

    /** The first mark: the time since the JVM started. */
    static void start() {
        if (ON) {
            ProcessHandle.Info info = ProcessHandle.current().info();
            lastWall = System.nanoTime();
            lastCpu = cpu();
            long sinceStart = info.startInstant().map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
            LINE.append("main ").append(sinceStart).append('/').append(lastCpu / 1_000_000);
        }
    }

    static void mark(String what) {
        if (ON) {
            long wall = System.nanoTime();
            long cpu = cpu();
            LINE.append(", ").append(what).append(' ').append((wall - lastWall) / 1_000_000).append('/')
                    .append((cpu - lastCpu) / 1_000_000);
            lastWall = wall;
            lastCpu = cpu;
        }
    }

    static void report(String hook, PrintStream err) {
        if (ON) {
            err.println("baton: timing (ms wall/cpu): " + hook + ": " + LINE);
        }
    }

    private static long cpu() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}

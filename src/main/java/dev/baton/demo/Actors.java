package dev.baton.demo;

import dev.baton.BatonException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The demo's processes: each started in the scratch repository with a clean environment, its output narrated under its
 * name and kept in {@code agents/<name>.log}. They can be stopped politely (SIGTERM) or killed (SIGKILL, with
 * everything they started).
 */
final class Actors {

    /** One started process. */
    record Actor(String name, Process process, Thread follower) {
        long pid() {
            return process.pid();
        }
    }

    private final Path dir;
    private final Path agentsDir;
    private final Narrator narrator;
    private final List<Actor> started = new CopyOnWriteArrayList<>();

    Actors(Path dir, Path agentsDir, Narrator narrator) {
        this.dir = dir;
        this.agentsDir = agentsDir;
        this.narrator = narrator;
    }

    /**
     * Starts {@code command} as {@code name}, with {@code env} on top of a clean environment and {@code agents/bin}
     * first on PATH; {@code shown} rewrites each output line for the narration.
     */
    Actor launch(String name, List<String> command, Map<String, String> env, UnaryOperator<String> shown) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        clean(e);
        e.putAll(env);
        e.put("PWD", dir.toString());
        e.put("PATH", agentsDir.resolve("bin") + File.pathSeparator + e.getOrDefault("PATH", "/usr/bin:/bin"));
        Process p;
        try {
            p = pb.start();
            p.getOutputStream().close();
        } catch (IOException ex) {
            throw BatonException.environment("demo: cannot run " + command.get(0) + ": " + ex.getMessage(), ex);
        }
        Path log = agentsDir.resolve(name + ".log");
        Actor a = new Actor(name, p, narrator.follow(name, p.getInputStream(), log, shown));
        started.add(a);
        return a;
    }

    Optional<Actor> named(String name) {
        return started.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    List<Actor> all() {
        return List.copyOf(started);
    }

    /**
     * SIGKILL to the process, then to everything it started, as when their machine dies; waits until they are gone.
     * The signals go through process handles, which leave the output being followed open to its end.
     */
    static void kill(Actor a) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(a.process().descendants().toList());
        a.process().toHandle().destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        a.process().waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle h : tree) {
            h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
        }
    }

    /** SIGTERM to the process alone: `baton work` stops its command, if any, and says what it did. */
    static void terminate(Actor a) {
        a.process().toHandle().destroy();
    }

    /** Waits until every process has ended; false when {@code limit} passed first. */
    boolean awaitAll(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Actor a : started) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !a.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        for (Actor a : started) {
            a.follower().join(5_000);
        }
        return true;
    }

    /** Stops whatever still runs, and what it started. */
    void stopAll() {
        for (Actor a : started) {
            if (a.process().isAlive()) {
                a.process().descendants().forEach(ProcessHandle::destroy);
                a.process().toHandle().destroy();
            }
        }
    }

    /** Drops what would point a child at another repository or identity than the demo's. */
    static void clean(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("BATON_") || k.startsWith("DEMO_") || k.startsWith("GIT_AUTHOR_")
                || k.startsWith("GIT_COMMITTER_") || List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
                "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE",
                "GIT_PREFIX").contains(k));
    }
}

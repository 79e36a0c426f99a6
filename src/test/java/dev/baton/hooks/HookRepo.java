package dev.baton.hooks;

import dev.baton.app.Session;
import dev.baton.app.SpawnRequest;
import dev.baton.core.Task;
import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real repository for the hook tests ({@link TempRepo}): {@code <tmp>/repo} on branch main with one commit and a
 * board, task worktrees under {@code <tmp>/repo.baton}. baton's own calls go through the app layer
 * ({@link Session}) or the CLI in process ({@link Cli}); what the hooks guard goes through the real {@code git}
 * binary, so the installed scripts run as they would for an agent. The hooks run the freshly compiled classes: {@code baton hooks install} records this JVM and class path.
 */
final class HookRepo {

    static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    final Path root;
    final Path dir;

    private HookRepo(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    /** A repository with a board, made by {@code lead}. */
    static HookRepo create(Path tmp) {
        HookRepo r = new HookRepo(tmp, TempRepo.create(tmp).dir());
        try (Session c = r.as("lead")) {
            c.maintenance().init();
        }
        return r;
    }

    /** baton run in process with {@code -C <repo>} first. */
    Run baton(String... args) {
        return Cli.in(dir, args);
    }

    void installHooks() {
        baton("hooks", "install").succeeds();
    }

    /** The app layer, acting as {@code agent}. Close it. */
    Session as(String agent) {
        return TempRepo.sessionAt(dir, agent, CLOCK);
    }

    /** Spawns a task as {@code agent} and returns its id. */
    String spawn(String agent, String title) {
        try (Session c = as(agent)) {
            return c.transitions().spawn(SpawnRequest.of(title)).task().id();
        }
    }

    /** Starts {@code id} as {@code agent} (with {@code lease}, or the default) and returns its worktree. */
    Path start(String agent, String id, Duration lease) {
        try (Session c = as(agent)) {
            return Path.of(c.transitions().start(id, null, lease).workspace().path());
        }
    }

    Task task(String id) {
        try (Session c = as("lead")) {
            return c.board().task(id);
        }
    }

    /** Writes {@code file} in {@code where}, stages it and commits as {@code agent}, with the hooks in the foreground. */
    Run commit(String agent, Path where, String file, String message) {
        write(where.resolve(file), file + " at " + System.nanoTime() + "\n");
        git(where, "add", file).succeeds();
        return git(where, Map.of("BATON_AGENT", agent), "commit", "-q", "-m", message);
    }

    Run git(Path where, String... args) {
        return git(where, Map.of(), args);
    }

    Run git(Path where, Map<String, String> env, String... args) {
        return run(where, env, null, prepend("git", args));
    }

    /** Runs a command with the hooks' environment: no stray agent, no global git config, hooks in the foreground. */
    Run run(Path where, Map<String, String> env, String stdin, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(where.toFile());
        Map<String, String> e = pb.environment();
        e.remove("BATON_AGENT");
        e.remove("BATON");
        e.remove("BATON_PUSH");
        e.put("GIT_CONFIG_GLOBAL", "/dev/null");
        e.put("GIT_CONFIG_NOSYSTEM", "1");
        e.put("BATON_HOOK_SYNC", "1");
        e.put("GIT_TERMINAL_PROMPT", "0");
        Map<String, String> more = new HashMap<>(env);
        more.forEach((k, v) -> {
            if (v == null) {
                e.remove(k);
            } else {
                e.put(k, v);
            }
        });
        try {
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> copy(p.getErrorStream(), err));
            drain.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            drain.join();
            return new Run(code, out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e1) {
            throw new UncheckedIOException(e1);
        } catch (InterruptedException e1) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e1);
        }
    }

    /** The message of {@code rev} in {@code where}. */
    String message(Path where, String rev) {
        return git(where, "log", "-1", "--format=%B", rev).succeeds().out();
    }

    String revParse(Path where, String rev) {
        return git(where, "rev-parse", rev).succeeds().out().strip();
    }

    Path hooksDir() {
        return Path.of(git(dir, "rev-parse", "--path-format=absolute", "--git-path", "hooks").succeeds().out().strip());
    }

    static void write(Path file, String text) {
        TempRepo.writeFile(file, text);
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended
        }
    }
}

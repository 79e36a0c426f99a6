package dev.baton.git;

import dev.baton.BatonException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the {@code git} binary, with no terminal prompt and nothing on stdin. baton uses it wherever the user's git must
 * do the work, or does it more simply than JGit: linked worktrees, rebase and fast-forward merges, committing what a
 * supervised command left, fetch and push to a remote (so that the user's ssh configuration and credential helpers
 * apply), the board's archive (bare clone, repack), and where the hooks live. {@link #run} returns the result whatever
 * the exit code; {@link #check} turns a failure into an environment error that quotes git's own stderr. Calls that
 * fail on one of git's lock files are retried a few times with jitter, so that several agents starting at once do not
 * trip over each other.
 *
 * <p>Callers put {@code --end-of-options} (or {@code --} where git does not take it, as {@code reset}) before any
 * argument that holds a name, path or revision, so that text such as {@code --lock} is never read as an option.
 */
public final class Git {

    /** What a git call printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** git's error line (the first "fatal:" or "error:"), else the first line of stderr, else of stdout. */
        public String firstError() {
            String text = stderr.isBlank() ? stdout : stderr;
            List<String> lines = text.strip().lines().filter(l -> !l.isBlank()).toList();
            // git often prints progress ("Preparing worktree ...") before the line that says what went wrong
            return lines.stream().filter(l -> l.startsWith("fatal:") || l.startsWith("error:")).findFirst()
                    .or(() -> lines.stream().findFirst()).orElse("exit code " + exitCode);
        }
    }

    private static final int LOCK_RETRIES = 8;

    private final File dir;
    private final Map<String, String> env;

    public Git(File dir) {
        this(dir, Map.of());
    }

    public Git(File dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    public File dir() {
        return dir;
    }

    public Git withEnv(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(more);
        return new Git(dir, all);
    }

    /** Runs git and returns the result whatever the exit code (lock failures retried). */
    public Result run(String... args) {
        Result r = null;
        for (int attempt = 1; attempt <= LOCK_RETRIES; attempt++) {
            r = once(args);
            if (r.ok() || !isLockFailure(r)) {
                return r;
            }
            sleep(ThreadLocalRandom.current().nextLong(20L << Math.min(attempt, 5)));
        }
        return r;
    }

    /** Runs git and returns stdout, or throws an environment error quoting git's stderr. */
    public String check(String... args) {
        Result r = run(args);
        if (!r.ok()) {
            throw BatonException.environment("git " + args[0] + " failed: " + r.firstError());
        }
        return r.stdout();
    }

    private static boolean isLockFailure(Result r) {
        String e = r.stderr();
        return e.contains(".lock") && (e.contains("File exists") || e.contains("Unable to create")
                || e.contains("cannot lock") || e.contains("could not lock"));
    }

    private Result once(String... args) {
        List<String> cmd = new ArrayList<>(args.length + 1);
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir);
        pb.environment().putAll(env);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> copy(p.getErrorStream(), err), "git-stderr");
            drain.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            drain.join();
            return new Result(code, out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw BatonException.environment("cannot run git (is it installed and on PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BatonException.interrupted("interrupted while running git " + args[0]);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended; what was read is what there is
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

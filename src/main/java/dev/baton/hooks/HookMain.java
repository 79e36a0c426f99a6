package dev.baton.hooks;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.app.Coordinator;
import dev.baton.app.Repositories;
import dev.baton.core.Actors;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * What the git hooks run: {@code baton hook <name> <args>} (the launcher starts this class directly, with a class-data
 * archive of its own; {@code baton.jar hook ...} reaches it through {@code dev.baton.cli.Main}). It loads no picocli
 * and only what the check needs: the hook scripts in {@code hooks/} do the cheap part in shell and call this for the
 * part that reads the board.
 *
 * <pre>
 * hook pre-commit &lt;task id&gt;        staged paths on stdin, NUL-separated
 * hook post-commit &lt;task id&gt;       a heartbeat
 * hook pre-push &lt;task id&gt;...       the tasks whose branches are pushed
 * hook update &lt;ref&gt; &lt;old&gt; &lt;new&gt;    the server's validator, run in the bare repository
 * </pre>
 *
 * A refusal prints "baton: reason" and "hint: what to do" on stderr and exits 1; an error exits with baton's code for
 * it. Either way the hook fails: the hooks fail closed.
 */
public final class HookMain {

    /** Millisecond ticks: what the board records. */
    static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    static final String NO_VERIFY = "`git commit --no-verify` skips baton's hooks (baton then records nothing for the commit)";

    private HookMain() {
    }

    public static void main(String[] args) {
        Timing.start();
        warmUp();
        dev.baton.cli.JGitEnvironment.prepare();
        int code = run(args, new File(System.getProperty("user.dir")), System.in, System.out, System.err);
        Timing.mark("done");
        Timing.report(args.length > 0 ? args[0] : "hook", System.err);
        System.exit(code);
    }

    /**
     * While this thread prepares JGit and opens the repository, a second one does work the check needs later and
     * that does not depend on it: JGit's message bundle (some 1,000 texts set by reflection; JGit's shutdown hook
     * loads it for a thread name when the repository opens) and how the board's records are read. A hook's JVM
     * lives for a fifth of a second, so this is a noticeable share of it where a core is to spare.
     */
    private static void warmUp() {
        Thread thread = new Thread(() -> {
            try {
                org.eclipse.jgit.internal.JGitText.get();
                dev.baton.store.RecordJson.prepare(dev.baton.core.Task.class, dev.baton.core.Handoff.class,
                        dev.baton.core.AttemptRecord.class, dev.baton.core.Reservation.class,
                        dev.baton.core.Lease.class, dev.baton.worktree.Workspace.class);
            } catch (Throwable e) {
                // the check does the same work itself, and reports any trouble there
            }
        }, "baton-hook-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs hook {@code args[0]} in {@code dir}; returns the exit code. */
    public static int run(String[] args, File dir, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("baton: usage: baton hook <pre-commit|post-commit|pre-push|update> <args>");
            return ExitCode.USAGE.code();
        }
        String hook = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (hook) {
                case "pre-commit" -> {
                    String id = one(hook, rest);
                    List<String> paths = paths(in);
                    // offline: in remote mode a commit checks the local copy of the board, kept fresh by every
                    // other baton call (the post-commit heartbeat included), rather than fetching on each commit
                    try (Coordinator c = open(dir, true)) {
                        Verified.forget(c, id);
                        Optional<ObjectId> before = Verified.tip(c);
                        PreCommit.Passed passed = PreCommit.check(c, id, paths);
                        Verified.remember(c, id, passed, before);
                    }
                }
                case "post-commit" -> {
                    String id = one(hook, rest);
                    try (Coordinator c = open(dir, false)) {
                        out.println(PostCommit.beat(c, id));
                    }
                }
                case "pre-push" -> {
                    try (Coordinator c = open(dir, false)) {
                        PrePush.check(c, rest);
                    }
                }
                case "update" -> {
                    if (rest.size() != 3) {
                        throw BatonException.usage("usage: baton hook update <ref> <old> <new>");
                    }
                    try (Coordinator c = open(dir, false)) {
                        List<String> problems = ServerUpdate.check(c, rest.get(0), rest.get(1), rest.get(2));
                        if (!problems.isEmpty()) {
                            problems.forEach(p -> err.println("baton: " + p));
                            err.println("hint: " + ServerUpdate.HINT);
                            return ExitCode.REFUSED.code();
                        }
                    }
                }
                default -> throw BatonException.usage("no hook '" + hook + "' (pre-commit, post-commit, pre-push, update)");
            }
            return ExitCode.OK.code();
        } catch (Refusal r) {
            err.println("baton: " + r.reason());
            err.println("hint: " + r.hint());
            return ExitCode.REFUSED.code();
        } catch (BatonException e) {
            err.println("baton: " + hook + " hook: " + firstLine(e.getMessage()));
            err.println("hint: " + hint(hook));
            return e.exitCode().code();
        } catch (RuntimeException e) {
            err.println("baton: " + hook + " hook: internal error: " + firstLine(String.valueOf(e)));
            err.println("hint: " + hint(hook));
            return ExitCode.INTERNAL.code();
        }
    }

    /** The coordinator for the repository the hook runs in, acting as $BATON_AGENT, else git config user.email. */
    static Coordinator open(File dir, boolean offline) {
        Repository repo = Repositories.open(dir);
        Timing.mark("repo");
        try {
            Coordinator c = new Coordinator(repo, CLOCK, actor(repo), offline);
            Timing.mark("coordinator");
            return c;
        } catch (RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    private static String actor(Repository repo) {
        String who = blankToNull(System.getenv("BATON_AGENT"));
        if (who == null) {
            who = blankToNull(repo.getConfig().getString("user", null, "email"));
        }
        if (who != null && !Actors.isValid(who)) {
            throw BatonException.usage("'" + who + "' is not a valid agent name; use letters, digits and . _ @ + -");
        }
        return who;
    }

    private static String hint(String hook) {
        return switch (hook) {
            case "pre-commit" -> "fix what is said above, or " + NO_VERIFY;
            case "pre-push" -> "fix what is said above, or `git push --no-verify` to push without baton's check";
            case "update" -> "the server refuses pushes to refs/baton/* it cannot check; ask its administrator";
            default -> "see `baton hooks status`";
        };
    }

    private static String one(String hook, List<String> args) {
        if (args.size() != 1) {
            throw BatonException.usage("usage: baton hook " + hook + " <task id>");
        }
        return args.get(0);
    }

    /** The NUL-separated paths on stdin (what {@code git diff --cached --name-only -z} prints), or one a line. */
    static List<String> paths(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (IOException e) {
            throw BatonException.environment("cannot read the staged paths: " + e.getMessage(), e);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String path : text.split(text.indexOf('\0') >= 0 ? "\0" : "\n")) {
            if (!path.isEmpty()) {
                out.add(path);
            }
        }
        return out;
    }

    private static String firstLine(String s) {
        return s == null ? "" : dev.baton.core.TextLimits.printable(s.strip().lines().findFirst().orElse(""));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

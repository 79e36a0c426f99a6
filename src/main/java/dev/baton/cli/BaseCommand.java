package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.app.Durations;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the global options, the session for the repository it runs in, and the output.
 * Subclasses implement {@link #run()} and throw {@link BatonException} to fail.
 */
abstract class BaseCommand implements Callable<Integer> {

    /** Millisecond ticks: what the board records. */
    static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    @Mixin
    GlobalOptions local = new GlobalOptions();

    @Spec
    CommandSpec spec;

    private GlobalOptions options;
    private Session session;
    private Output output;

    @Override
    public final Integer call() throws Exception {
        try {
            int code = run();
            if (session != null) { // a read of a remote board's local copy says how old it is; a refused write does not
                session.offlineAge().ifPresent(age -> spec.commandLine().getErr().println("baton: " + age));
            }
            return code;
        } finally {
            if (output != null) {
                output.flush();
            }
            if (session != null) {
                session.close();
            }
        }
    }

    /** Does the command's work; returns the exit code (0 unless said otherwise). */
    protected abstract int run() throws Exception;

    GlobalOptions options() {
        if (options == null) {
            Object root = spec.root().userObject();
            options = local.over(root instanceof BatonCommand b ? b.global : null);
        }
        return options;
    }

    File workDir() {
        File dir = options().dir;
        return dir == null ? new File(System.getProperty("user.dir")) : dir;
    }

    Session session() {
        if (session == null) {
            String asked = options().as != null ? options().as : blankToNull(System.getenv("BATON_AGENT"));
            session = Session.open(workDir(), CLOCK, asked, options().offline);
            session.trace(trace());
            java.io.PrintWriter err = spec.commandLine().getErr();
            session.onWarning(w -> {
                err.println("baton: warning: " + w);
                err.flush();
            });
        }
        return session;
    }

    /** The correlation id: --trace, else $BATON_TRACE, else none. */
    String trace() {
        String id = options().trace != null ? options().trace : blankToNull(System.getenv("BATON_TRACE"));
        return utf8(id, "--trace");
    }

    Output out() {
        if (output == null) {
            output = new Output(spec.commandLine().getOut(), options().json);
        }
        return output;
    }

    static Duration duration(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw BatonException.usage(option + ": " + e.getMessage());
        }
    }

    /** Rejects text that arrived as invalid UTF-8 (the JVM turns such bytes into U+FFFD). */
    static String utf8(String text, String what) {
        if (text != null && text.indexOf('\uFFFD') >= 0) {
            throw BatonException.usage(what + " is not valid UTF-8");
        }
        return text;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

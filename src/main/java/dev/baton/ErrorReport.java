package dev.baton;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;

/**
 * How a failed call ends, for the CLI and the hooks alike: the exit code from {@link ExitCode} and one line that says
 * what went wrong, printed as {@code baton: <message>} or, with {@code --json}, as {@code {"error":...,"exit":...}}.
 *
 * <p>{@link #of} turns whatever ended the call into one: a {@link BatonException} keeps its code and the first line of
 * its message, running out of heap is an environment error that says how to give the JVM more, an interrupt is
 * {@link ExitCode#INTERRUPTED}, and anything else is a bug ({@link ExitCode#INTERNAL}).
 */
public record ErrorReport(ExitCode exitCode, String message) {

    /** One line, with any control character in it shown as U+XXXX: what was typed may be quoted back. */
    public ErrorReport {
        message = dev.baton.core.TextLimits.printable(firstLine(message));
    }

    /** What an internal error's line ends with in the CLI, which has {@code --debug}. */
    public static final String DEBUG_HINT = " (run with --debug for the stack trace)";

    /** The report for {@code e}; an internal error's line names the exception. */
    public static ErrorReport of(Throwable e) {
        return of(e, "");
    }

    /** The report for {@code e}; an internal error's line names the exception and ends with {@code internalHint}. */
    public static ErrorReport of(Throwable e, String internalHint) {
        if (e instanceof BatonException b) {
            return new ErrorReport(b.exitCode(), b.getMessage() == null ? e.getClass().getSimpleName()
                    : firstLine(b.getMessage()));
        }
        if (e instanceof OutOfMemoryError) {
            return outOfMemory();
        }
        if (interrupted(e)) {
            return new ErrorReport(ExitCode.INTERRUPTED, firstLine("interrupted: " + e));
        }
        return new ErrorReport(ExitCode.INTERNAL, firstLine("internal error: " + e + internalHint));
    }

    /**
     * Out of heap, nearly always because JGit reads each pack index it opens whole (24 bytes per object), so a
     * repository with a long history needs more than the default.
     */
    public static ErrorReport outOfMemory() {
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        return new ErrorReport(ExitCode.ENVIRONMENT, "out of memory (the JVM may use " + maxMb + " MB): reading a"
                + " repository with many objects takes more, as JGit loads pack indexes whole; run again with a larger"
                + " heap, e.g. BATON_JAVA_OPTS=-Xmx1g (bin/baton) or JAVA_TOOL_OPTIONS=-Xmx1g; when the board's history"
                + " is what is long, `baton checkpoint` (once, with that heap) moves it out of the way");
    }

    /** The same report, its message said of {@code what} ("pre-commit hook: ..."). */
    public ErrorReport of(String what) {
        return new ErrorReport(exitCode, what + ": " + message);
    }

    /** The line for people: {@code baton: <message>}. */
    public String text() {
        return "baton: " + message;
    }

    /** The line for programs: {@code {"error":"<message>","exit":<code>}}. */
    public String json() {
        return "{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\",\"exit\":"
                + exitCode.code() + "}";
    }

    /** Prints the one line, as JSON or as text, and flushes. */
    public void print(PrintWriter err, boolean json) {
        err.println(json ? json() : text());
        err.flush();
    }

    /** Whether {@code e}, or what caused it, is a thread's interrupt (not a timeout, which is an interrupted read too). */
    static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException
                    || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }

    /** The first line of {@code s}, stripped. */
    public static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }
}

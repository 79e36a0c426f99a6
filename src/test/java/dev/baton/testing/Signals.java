package dev.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Signals and child processes. A process started in the background by a non-interactive shell ({@code mvn test &},
 * a CI runner) ignores SIGINT, and so does everything it starts, the test JVM and its children included: an ignored
 * signal stays ignored across {@code fork} and {@code exec}, {@code setsid} keeps it, a non-interactive bash cannot
 * {@code trap} it back, and the JVM installs no handler of its own for a shutdown signal that it found ignored. A
 * child that must see a Ctrl-C is therefore started through perl (which git depends on), which puts SIGINT back to
 * its default and executes the child in its own place, with the same pid.
 */
public final class Signals {

    /** SIGINT's number, and so its bit (counting from 1) in the masks of {@code /proc/<pid>/status}. */
    public static final int SIGINT = 2;

    private static final List<String> SIGINT_DEFAULT = List.of("perl", "-e",
            "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"baton test: cannot run $ARGV[0]: $!\\n\"", "--");

    private Signals() {
    }

    /** {@code pb}, changed to run its command with SIGINT at its default (see the class comment). */
    public static ProcessBuilder receivingSigint(ProcessBuilder pb) {
        List<String> cmd = new ArrayList<>(SIGINT_DEFAULT);
        cmd.addAll(pb.command());
        return pb.command(cmd);
    }

    /** Whether the running process {@code pid} ignores {@code signal} (its bit in SigIgn of /proc/<pid>/status). */
    public static boolean ignores(long pid, int signal) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16)
                            & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the signal mask of process " + pid, e);
        }
        throw new AssertionError("no SigIgn line in /proc/" + pid + "/status");
    }
}

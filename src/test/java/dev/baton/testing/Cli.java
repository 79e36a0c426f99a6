package dev.baton.testing;

import dev.baton.cli.BatonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The baton CLI run inside this JVM, as {@code Main} runs it ({@link BatonCommand#commandLine(String...)}), with its
 * output captured (System.out and System.err are never touched): for setting boards up and for every call where a JVM
 * start would prove nothing. Races and anything about processes use child JVMs ({@link Processes}).
 */
public final class Cli {

    private Cli() {
    }

    /** Runs baton with {@code args} exactly as given. */
    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = to(out, err, args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs baton with its output going to {@code out} and {@code err} as it is printed (for commands that follow). */
    public static int to(Writer out, Writer err, String... args) {
        CommandLine cl = BatonCommand.commandLine(args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Runs baton as if started in {@code dir} ({@code -C <dir>} first). */
    public static Run in(Path dir, String... args) {
        return run(prepend(List.of("-C", dir.toString()), args));
    }

    /** Runs baton in {@code dir} as {@code agent} ({@code -C <dir> --as <agent>} first). */
    public static Run as(Path dir, String agent, String... args) {
        return run(prepend(List.of("-C", dir.toString(), "--as", agent), args));
    }

    /** {@link #as} that must succeed (exit 0, nothing on stderr); returns what it printed, stripped. */
    public static String ok(Path dir, String agent, String... args) {
        return as(dir, agent, args).ok().value();
    }

    static String[] prepend(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}

package dev.baton.cli;

import java.io.File;
import picocli.CommandLine.Option;

/**
 * The options every command takes, before or after its name: {@code baton -C dir --json list} and
 * {@code baton list -C dir --json} mean the same.
 */
public final class GlobalOptions {

    @Option(names = "-C", paramLabel = "<dir>", description = "Run as if baton was started in <dir> (like git -C).")
    File dir;

    @Option(names = "--as", paramLabel = "<agent>",
            description = "Act as this agent (default: $BATON_AGENT, else git config user.email).")
    String as;

    @Option(names = "--json", description = "Print JSON: one object, or one object a line (NDJSON) for lists.")
    boolean json;

    @Option(names = "--offline", description = "Remote mode: read the local copy without fetching (says how old it is).")
    boolean offline;

    @Option(names = "--debug", description = "Print a stack trace with errors.")
    boolean debug;

    @Option(names = "--trace", paramLabel = "<id>", description = "Correlation id recorded with what this command writes "
            + "(default: $BATON_TRACE).")
    String trace;

    /** These options, each falling back to {@code outer}'s where it was not given here. */
    GlobalOptions over(GlobalOptions outer) {
        if (outer == null) {
            return this;
        }
        GlobalOptions g = new GlobalOptions();
        g.dir = dir != null ? dir : outer.dir;
        g.as = as != null ? as : outer.as;
        g.json = json || outer.json;
        g.debug = debug || outer.debug;
        g.offline = offline || outer.offline;
        g.trace = trace != null ? trace : outer.trace;
        return g;
    }
}

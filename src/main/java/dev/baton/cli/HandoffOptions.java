package dev.baton.cli;

import dev.baton.core.Handoff;
import picocli.CommandLine.Option;

/** The parts of a handoff, each optional. */
final class HandoffOptions {

    @Option(names = "--summary", paramLabel = "TEXT", description = "What was done.")
    String summary;

    @Option(names = "--changed", paramLabel = "TEXT", description = "What changed.")
    String changed;

    @Option(names = "--remains", paramLabel = "TEXT", description = "What is left to do.")
    String remains;

    @Option(names = "--next", paramLabel = "TEXT", description = "The next step.")
    String next;

    @Option(names = "--blockers", paramLabel = "TEXT", description = "What stands in the way.")
    String blockers;

    Handoff handoff() {
        return new Handoff(BaseCommand.utf8(summary, "--summary"), BaseCommand.utf8(changed, "--changed"),
                BaseCommand.utf8(remains, "--remains"), BaseCommand.utf8(next, "--next"),
                BaseCommand.utf8(blockers, "--blockers"));
    }
}

package dev.baton.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What a command an owner gives takes: the task (default: this worktree's) and the epoch the owner holds. */
final class OwnedTask {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "The task (default: this worktree's).")
    String id;

    @Option(names = "--epoch", paramLabel = "N", description = "The epoch you hold (default: recorded with your worktree).")
    Long epoch;
}

package dev.baton.cli;

import dev.baton.core.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "done", description = "Hand your work in for review: WORKING → IN_REVIEW, with a handoff.")
final class DoneCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "The task (default: this worktree's).")
    String id;

    @Option(names = "--epoch", paramLabel = "N", description = "The epoch you hold (default: recorded with your worktree).")
    Long epoch;

    @Mixin
    HandoffOptions handoff = new HandoffOptions();

    @Override
    protected int run() {
        Task t = coordinator().done(coordinator().resolve(id), epoch, handoff.handoff());
        out().result(t.id() + " is IN_REVIEW", TaskJson.of(t));
        return 0;
    }
}

package dev.baton.cli;

import dev.baton.core.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "requeue", description = "Hand a task you hold back to the queue (at a new epoch), with a handoff.")
final class RequeueCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "The task (default: this worktree's).")
    String id;

    @Option(names = "--epoch", paramLabel = "N", description = "The epoch you hold (default: recorded with your worktree).")
    Long epoch;

    @Mixin
    HandoffOptions handoff = new HandoffOptions();

    @Override
    protected int run() {
        Task t = coordinator().requeue(coordinator().resolve(id), epoch, handoff.handoff());
        out().result(t.id() + " is QUEUED again (attempt " + t.attempt() + ", epoch " + t.epoch() + ")", TaskJson.of(t));
        return 0;
    }
}

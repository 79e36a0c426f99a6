package dev.baton.cli;

import dev.baton.core.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "done", description = "Hand your work in for review: WORKING → IN_REVIEW, with a handoff.")
final class DoneCommand extends BaseCommand {

    @Mixin
    OwnedTask task = new OwnedTask();


    @Mixin
    HandoffOptions handoff = new HandoffOptions();

    @Override
    protected int run() {
        Task t = session().transitions().done(session().board().resolve(task.id), task.epoch, handoff.handoff());
        out().lazyResult(t.id() + " is IN_REVIEW", () -> TaskJson.of(t));
        return 0;
    }
}

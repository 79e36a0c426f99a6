package dev.baton.cli;

import dev.baton.core.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "requeue", description = "Hand a task you hold back to the queue (at a new epoch), with a handoff.")
final class RequeueCommand extends BaseCommand {

    @Mixin
    OwnedTask task = new OwnedTask();


    @Mixin
    HandoffOptions handoff = new HandoffOptions();

    @Override
    protected int run() {
        Task t = session().transitions().requeue(session().board().resolve(task.id), task.epoch, handoff.handoff());
        out().result(t.id() + " is QUEUED again (attempt " + t.attempt() + ", epoch " + t.epoch() + ")", TaskJson.of(t));
        return 0;
    }
}

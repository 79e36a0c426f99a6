package dev.baton.cli;

import dev.baton.core.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fail", description = "Give up on a task you own: ASSIGNED or WORKING → FAILED, with a reason.")
final class FailCommand extends BaseCommand {

    @Mixin
    OwnedTask task = new OwnedTask();

    @Option(names = {"--reason", "-m"}, required = true, paramLabel = "TEXT", description = "What went wrong.")
    String reason;


    @Mixin
    HandoffOptions handoff = new HandoffOptions();

    @Override
    protected int run() {
        Task t = session().transitions().fail(session().board().resolve(task.id), task.epoch, utf8(reason, "--reason"), handoff.handoff());
        out().result(t.id() + " is FAILED", TaskJson.of(t));
        return 0;
    }
}

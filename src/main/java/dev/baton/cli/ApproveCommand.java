package dev.baton.cli;

import dev.baton.core.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "approve", description = "Approve reviewed work: IN_REVIEW → APPROVED (not your own).")
final class ApproveCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<id>", description = "The task (any unique prefix).")
    String id;

    @Override
    protected int run() {
        Task t = session().transitions().approve(session().board().resolve(id));
        out().result(t.id() + " is APPROVED", TaskJson.of(t));
        return 0;
    }
}

package dev.baton.cli;

import dev.baton.core.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "retry", description = "Queue a FAILED task again: FAILED → QUEUED, attempt + 1.")
final class RetryCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<id>", description = "The task (any unique prefix).")
    String id;

    @Override
    protected int run() {
        Task t = session().transitions().retry(session().board().resolve(id));
        out().result(t.id() + " is QUEUED again (attempt " + t.attempt() + ")", TaskJson.of(t));
        return 0;
    }
}

package dev.baton.cli;

import dev.baton.core.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reject", description = "Send work back: IN_REVIEW → WORKING, with a reason the assignee sees.")
final class RejectCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<id>", description = "The task (any unique prefix).")
    String id;

    @Option(names = {"--reason", "-m"}, required = true, paramLabel = "TEXT", description = "What to fix.")
    String reason;

    @Option(names = "--lease", paramLabel = "DURATION", description = "The assignee's new lease (default baton.lease).")
    String lease;

    @Override
    protected int run() {
        Task t = session().transitions().reject(session().board().resolve(id), utf8(reason, "--reason"), duration(lease, "--lease"));
        out().result(t.id() + " is back WORKING with " + t.assignee(), TaskJson.of(t));
        return 0;
    }
}

package dev.baton.cli;

import dev.baton.app.Started;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "start", description = {
    "Start work: ASSIGNED → WORKING (a QUEUED task is claimed and started at once).",
    "Creates branch task/<id> and its worktree and prints the worktree's path: cd \"$(baton start <id>)\"."})
final class StartCommand extends BaseCommand {

    @Mixin
    OwnedTask task = new OwnedTask();


    @Option(names = "--lease", paramLabel = "DURATION", description = "Lease length (default baton.lease, else 15m).")
    String lease;

    @Override
    protected int run() {
        Started s = session().transitions().start(session().board().resolve(task.id), task.epoch, duration(lease, "--lease"));
        out().lazyResult(s.workspace().path(), () -> TaskJson.of(s.task(), s.workspace()).put("resumed", s.resumed()));
        return 0;
    }
}

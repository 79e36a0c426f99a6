package dev.baton.cli;

import dev.baton.app.Finished;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = {
    "Cancel a task that is not finished. Its worktree is removed when clean;",
    "one with uncommitted or unmerged work is kept unless --force."})
final class CancelCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<id>", description = "The task (any unique prefix).")
    String id;

    @Option(names = {"--reason", "-m"}, paramLabel = "TEXT", description = "Why.")
    String reason;

    @Option(names = "--force", description = "Remove the worktree and branch even with work in them.")
    boolean force;

    @Override
    protected int run() {
        Finished f = session().transitions().cancel(session().board().resolve(id), utf8(reason, "--reason"), force);
        out().result(f.task().id() + " is CANCELLED; " + FinishedText.worktree(f),
                TaskJson.of(f.task()).put("worktreeRemoval", f.worktree().name()));
        return 0;
    }
}

package dev.baton.cli;

import dev.baton.app.Finished;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "merge", description = {
    "Land approved work: rebase task/<id> onto its base, fast-forward the base, APPROVED → COMPLETED,",
    "then remove the worktree and branch. A conflict changes nothing and names the files."})
final class MergeCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<id>", description = "The task (any unique prefix).")
    String id;

    @Override
    protected int run() {
        Finished f = coordinator().merge(coordinator().resolve(id));
        out().result(f.task().id() + " merged into " + f.task().base() + " at " + f.task().mergedCommit().substring(0, 10)
                + "; " + FinishedText.worktree(f), TaskJson.of(f.task()).put("worktreeRemoval", f.worktree().name()));
        return 0;
    }
}

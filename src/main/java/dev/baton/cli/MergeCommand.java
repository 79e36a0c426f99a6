package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.app.Finished;
import dev.baton.app.Merged;
import dev.baton.store.Trailers;
import dev.baton.worktree.UnverifiedCommit;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "merge", description = {
    "Land approved work: rebase task/<id> onto its base, fast-forward the base, APPROVED → COMPLETED,",
    "then remove the worktree and branch. A conflict changes nothing and names the files.",
    "Commits without this task's " + Trailers.TASK + "/" + Trailers.EPOCH
        + " trailers (made with --no-verify, or without baton's hooks)",
    "are reported and recorded with the merge; with `git config baton.requireTrailers true` they refuse it."})
final class MergeCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<id>", description = "The task (any unique prefix).")
    String id;

    @Override
    protected int run() {
        Merged m = session().merging().merge(session().board().resolve(id));
        if (!out().json()) {
            PrintWriter err = spec.commandLine().getErr();
            for (UnverifiedCommit u : m.unverified()) {
                err.println("baton: warning: " + u.shortId() + " " + u.subject() + ": " + u.problem());
            }
            err.flush();
        }
        ArrayNode unverified = Json.MAPPER.createArrayNode();
        m.unverified().forEach(u -> unverified.add(Json.MAPPER.createObjectNode().put("commit", u.commit())
                .put("subject", u.subject()).put("problem", u.problem())));
        Finished f = m.finished();
        out().result(f.task().id() + " merged into " + f.task().base() + " at " + f.task().mergedCommit().substring(0, 10)
                + "; " + FinishedText.worktree(f), TaskJson.of(f.task()).put("worktreeRemoval", f.worktree().name())
                .set("unverifiedCommits", unverified));
        return 0;
    }
}

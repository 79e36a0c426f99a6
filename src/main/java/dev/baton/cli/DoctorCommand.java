package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.Task;
import dev.baton.store.LockRecovery;
import java.io.File;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", description = {
    "Look for what stops baton from working: lock files left by killed processes, leases that ran out, and the",
    "scratch worktrees of merges that were killed.",
    "With --fix, remove the locks that are provably stale, reap the expired leases and remove those worktrees."})
final class DoctorCommand extends BaseCommand {

    @Option(names = "--fix", description = "Repair what can be repaired safely.")
    boolean fix;

    @Override
    protected int run() {
        List<LockRecovery.LockReport> locks = session().maintenance().locks();
        List<Task> expired = session().leases().expired();
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode lockArr = node.putArray("locks");
        int problems = 0;
        for (LockRecovery.LockReport l : locks) {
            boolean removed = fix && l.stale() && session().maintenance().clearStaleLock(l.ref());
            lockArr.add(Json.MAPPER.createObjectNode().put("file", l.file().getPath()).put("ageMillis", l.ageMillis())
                    .put("stale", l.stale()).put("removed", removed));
            out().text((removed ? "fixed: removed " : "lock: ") + l.describe());
            problems += removed ? 0 : 1;
        }
        problems += scratchWorktrees(node.putArray("mergeLeftovers"));
        ArrayNode leaseArr = node.putArray("expiredLeases");
        if (fix && !expired.isEmpty()) {
            for (Task t : session().leases().reapExpired()) {
                out().text("fixed: reaped " + t.id() + " → " + t.state());
                leaseArr.add(TaskJson.of(t).put("reaped", true));
            }
        } else {
            for (Task t : expired) {
                out().text("lease: " + t.id() + " (" + t.state() + ", " + t.assignee() + ") ran out at " + t.leaseUntil()
                        + "; `baton reap` takes it back");
                leaseArr.add(TaskJson.of(t).put("reaped", false));
                problems++;
            }
        }
        node.put("problems", problems);
        out().object(node);
        if (problems == 0) {
            out().text(fix ? "all repaired" : "nothing wrong");
        }
        return problems == 0 ? 0 : 1;
    }

    /** The scratch worktrees of killed merges: reported, or removed with --fix; returns how many are left. */
    private int scratchWorktrees(ArrayNode arr) {
        List<File> found = session().maintenance().mergeLeftovers(fix);
        for (File f : found) {
            arr.add(Json.MAPPER.createObjectNode().put("path", f.getPath()).put("removed", fix));
            out().text(fix ? "fixed: removed the scratch worktree of a killed merge, " + f
                    : "merge: " + f + " is the scratch worktree of a merge that was killed; `baton doctor --fix` "
                    + "removes it");
        }
        return fix ? 0 : found.size();
    }
}

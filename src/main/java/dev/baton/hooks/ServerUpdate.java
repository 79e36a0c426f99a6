package dev.baton.hooks;

import dev.baton.app.Session;
import dev.baton.core.Lease;
import dev.baton.store.BoardFsck;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The server's validator, for one ref of a push ({@code update <ref> <old> <new>} in the bare repository). The board
 * only moves forward, by commits that are each a legal transition from their parent with the roles then in force and
 * whose snapshot is the replay's ({@link Session#checkUpdate}); it may not be deleted. A lease must be a lease of
 * the task it is named after. Other refs under refs/baton/ pass.
 */
final class ServerUpdate {

    static final String BOARD = "refs/baton/board";
    static final String LEASES = "refs/baton/leases/";
    static final String HINT = "the board takes only transitions baton made on top of its tip: fetch refs/baton/board, "
            + "redo the change with baton, and push again";

    /** At most this many findings are shown to the pusher. */
    private static final int SHOWN = 10;

    private ServerUpdate() {
    }

    /** What is wrong with moving {@code ref} from {@code old} to {@code next}; empty: accept. */
    static List<String> check(Session c, String ref, String old, String next) {
        ObjectId from = id(old);
        ObjectId to = id(next);
        List<String> problems = new ArrayList<>();
        if (ref.equals(BOARD)) {
            if (to.equals(ObjectId.zeroId())) {
                problems.add("refusing to delete " + BOARD + ": the board's history is the record of every task");
                return problems;
            }
            BoardFsck.Report report = c.maintenance().checkUpdate(from, to);
            List<BoardFsck.Finding> findings = report.findings();
            for (int i = 0; i < findings.size() && i < SHOWN; i++) {
                problems.add("refusing " + BOARD + " " + from.abbreviate(10).name() + ".." + to.abbreviate(10).name()
                        + ": " + findings.get(i));
            }
            if (findings.size() > SHOWN) {
                problems.add("... and " + (findings.size() - SHOWN) + " more findings");
            }
        } else if (ref.startsWith(LEASES) && !to.equals(ObjectId.zeroId())) {
            String task = ref.substring(LEASES.length());
            try {
                Lease lease = c.maintenance().pushedLease(to);
                if (!task.equals(lease.taskId())) {
                    problems.add("refusing " + ref + ": it holds a lease of " + lease.taskId() + ", not of " + task);
                }
            } catch (MissingObjectException e) {
                problems.add("refusing " + ref + ": " + to.name() + " is not a blob");
            } catch (IOException | RuntimeException e) {
                problems.add("refusing " + ref + ": not a baton lease (" + String.valueOf(e.getMessage()).lines()
                        .findFirst().orElse("") + ")");
            }
        }
        return problems;
    }

    private static ObjectId id(String hex) {
        try {
            return ObjectId.fromString(hex);
        } catch (RuntimeException e) {
            throw dev.baton.BatonException.usage("'" + hex + "' is not an object id");
        }
    }
}

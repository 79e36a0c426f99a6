package dev.baton.hooks;

import dev.baton.app.Session;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What lets the pre-commit script skip the JVM: after a check passes, {@code <git common dir>/baton/verified/<id>}
 * holds "v1 &lt;board tip&gt; &lt;agent&gt; &lt;epoch&gt;". The check's verdict is a function of the board (task
 * state, owner, epoch, roles and reservations are all on it), the agent and the epoch this worktree holds, except for
 * the staged paths, so it is written only when no other task holds an exclusive reservation (any path passes). While
 * the board's tip, the agent and the worktree's epoch are those, the script knows the answer; anything else (any
 * transition by anyone, another agent, a new epoch) misses and runs the check again. Written only if the board did
 * not move during the check.
 */
final class Verified {

    static final String VERSION = "v1";

    private Verified() {
    }

    static Optional<ObjectId> tip(Session c) {
        try {
            return c.board().tip();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static void remember(Session c, String id, PreCommit.Passed passed, Optional<ObjectId> before) {
        if (!passed.anyPathFree() || before.isEmpty() || !tip(c).equals(before)) {
            return;
        }
        File file = file(c, id);
        String line = VERSION + " " + before.get().name() + " " + passed.actor() + " " + passed.epoch() + "\n";
        try {
            Files.createDirectories(file.getParentFile().toPath());
            File tmp = new File(file.getParentFile(), "." + id + "." + ProcessHandle.current().pid());
            Files.writeString(tmp.toPath(), line, StandardCharsets.UTF_8);
            Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // only a shortcut: without it the next commit runs the check again
        }
    }

    static void forget(Session c, String id) {
        try {
            Files.deleteIfExists(file(c, id).toPath());
        } catch (IOException e) {
            // a verdict that does not match the board is never used anyway
        }
    }

    private static File file(Session c, String id) {
        return new File(c.stateDir(), "verified/" + id);
    }
}

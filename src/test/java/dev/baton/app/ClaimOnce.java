package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.core.Task;
import dev.baton.testing.RaceChild;

/**
 * A child process for {@link ProcessRaceTest}: claims one task as one actor, at the same moment as its rivals.
 * Arguments: repository folder, actor, task id, ready file, go file. Exits 0 on success, else the exit code of the
 * {@link BatonException} (its message on stderr), or 70 on anything unexpected.
 */
public final class ClaimOnce {

    private ClaimOnce() {
    }

    public static void main(String[] args) {
        String id = args[2];
        // everything slow happens before the barrier: the race is the claim alone
        RaceChild.run(args, c -> c.board().task(id), c -> {
            Task t = c.transitions().claim(id, null);
            System.out.println("claimed " + t.id() + " as " + t.assignee() + " at epoch " + t.epoch());
        });
    }
}

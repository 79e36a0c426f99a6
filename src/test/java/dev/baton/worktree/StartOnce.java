package dev.baton.worktree;

import dev.baton.BatonException;
import dev.baton.app.Started;
import dev.baton.testing.RaceChild;

/**
 * A child process for {@link ConcurrentStartTest}: starts one task (creating its worktree) at the same moment as other
 * processes start theirs. Arguments: repository folder, actor, task id, ready file, go file. Prints the worktree path;
 * exits 0, or the exit code of a {@link BatonException} (message on stderr), or 70.
 */
public final class StartOnce {

    private StartOnce() {
    }

    public static void main(String[] args) {
        String id = args[2];
        // warm up before the barrier
        RaceChild.run(args, c -> c.board().task(id), c -> {
            Started s = c.transitions().start(id, null, null);
            System.out.println(s.workspace().path());
        });
    }
}

package dev.baton.worktree;

import dev.baton.BatonException;
import dev.baton.app.Coordinator;
import dev.baton.app.Started;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for {@link ConcurrentStartTest}: starts one task (creating its worktree) at the same moment as other
 * processes start theirs. Arguments: repository folder, actor, task id, ready file, go file. Prints the worktree path;
 * exits 0, or the exit code of a {@link BatonException} (message on stderr), or 70.
 */
public final class StartOnce {

    private StartOnce() {
    }

    public static void main(String[] args) {
        int code;
        try (Coordinator c = TempRepo.coordinatorAt(Path.of(args[0]), args[1], Clock.systemUTC())) {
            String id = args[2];
            c.task(id); // warm up before the barrier
            TempRepo.barrier(Path.of(args[3]), Path.of(args[4]));
            Started s = c.start(id, null, null);
            System.out.println(s.workspace().path());
            code = 0;
        } catch (BatonException e) {
            System.err.println(e.getMessage());
            code = e.exitCode().code();
        } catch (Throwable e) {
            e.printStackTrace();
            code = 70;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}

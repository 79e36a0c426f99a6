package dev.baton.store;

import dev.baton.BatonException;
import dev.baton.app.Coordinator;
import dev.baton.core.Task;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for {@link ProcessRaceTest}: claims one task as one actor, at the same moment as its rivals.
 * Arguments: repository folder, actor, task id, ready file, go file. Exits 0 on success, else the exit code of the
 * {@link BatonException} (its message on stderr), or 70 on anything unexpected.
 */
public final class ClaimOnce {

    private ClaimOnce() {
    }

    public static void main(String[] args) {
        int code;
        try (Coordinator c = TempRepo.coordinatorAt(Path.of(args[0]), args[1], Clock.systemUTC())) {
            String id = args[2];
            c.task(id); // everything slow happens before the barrier: the race is the claim alone
            TempRepo.barrier(Path.of(args[3]), Path.of(args[4]));
            Task t = c.claim(id, null);
            System.out.println("claimed " + t.id() + " as " + t.assignee() + " at epoch " + t.epoch());
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

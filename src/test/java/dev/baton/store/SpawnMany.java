package dev.baton.store;

import dev.baton.BatonException;
import dev.baton.app.Coordinator;
import dev.baton.core.Task;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for {@link ProcessRaceTest}: spawns tasks titled "{actor} #{i}" one after the other, racing other
 * processes doing the same. Arguments: repository folder, actor, count, ready file, go file. Prints one spawned id a
 * line; exits 0, or the exit code of a {@link BatonException}, or 70.
 */
public final class SpawnMany {

    private SpawnMany() {
    }

    public static void main(String[] args) {
        int code;
        try (Coordinator c = TempRepo.coordinatorAt(Path.of(args[0]), args[1], Clock.systemUTC())) {
            int count = Integer.parseInt(args[2]);
            c.open(); // warm up before the barrier
            TempRepo.barrier(Path.of(args[3]), Path.of(args[4]));
            for (int i = 0; i < count; i++) {
                Task t = c.spawn(new Coordinator.SpawnRequest(args[1] + " #" + i, null, null, 2, null, null, null)).task();
                System.out.println(t.id());
            }
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

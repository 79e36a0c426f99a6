package dev.baton.checkpoint;

import dev.baton.BatonException;
import dev.baton.app.Coordinator;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A child process for {@link CheckpointTest}'s race. Arguments: repository folder, actor, mode, count, ready file, go
 * file. Mode {@code write}: spawns and claims {@code count} tasks, printing each id. Mode {@code checkpoint}: makes
 * {@code count} checkpoints, 50 ms apart. Exits 0, or the exit code of a {@link BatonException}, or 70.
 */
public final class CheckpointRaceChild {

    private CheckpointRaceChild() {
    }

    public static void main(String[] args) {
        int code;
        try (Coordinator c = TempRepo.coordinatorAt(Path.of(args[0]), args[1], Clock.systemUTC())) {
            int count = Integer.parseInt(args[3]);
            c.open(); // warm up before the barrier
            TempRepo.barrier(Path.of(args[4]), Path.of(args[5]));
            for (int i = 0; i < count; i++) {
                if (args[2].equals("checkpoint")) {
                    Thread.sleep(50);
                    c.checkpoint(line -> { });
                } else {
                    Coordinator.Spawned s = c.spawn(new Coordinator.SpawnRequest(args[1] + " " + i, null, null, 2,
                            List.of(), null, Duration.ofMinutes(15)));
                    c.claim(s.task().id(), null);
                    System.out.println(s.task().id());
                }
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

package dev.baton.checkpoint;

import dev.baton.app.Spawned;
import dev.baton.app.SpawnRequest;
import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.testing.RaceChild;
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
        boolean checkpoint = args[2].equals("checkpoint");
        int count = Integer.parseInt(args[3]);
        RaceChild.run(args, c -> c.board().open(), c -> { // warm up before the barrier
            for (int i = 0; i < count; i++) {
                if (checkpoint) {
                    Thread.sleep(50);
                    c.maintenance().checkpoint(line -> { });
                } else {
                    Spawned s = c.transitions().spawn(new SpawnRequest(args[1] + " " + i, null, null, 2,
                            List.of(), null, Duration.ofMinutes(15)));
                    c.transitions().claim(s.task().id(), null);
                    System.out.println(s.task().id());
                }
            }
        });
    }
}

package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.core.Task;
import dev.baton.testing.RaceChild;

/**
 * A child process for {@link ProcessRaceTest}: spawns tasks titled "{actor} #{i}" one after the other, racing other
 * processes doing the same. Arguments: repository folder, actor, count, ready file, go file. Prints one spawned id a
 * line; exits 0, or the exit code of a {@link BatonException}, or 70.
 */
public final class SpawnMany {

    private SpawnMany() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[2]);
        RaceChild.run(args, c -> c.board().open(), c -> { // warm up before the barrier
            for (int i = 0; i < count; i++) {
                Task t = c.transitions().spawn(SpawnRequest.of(args[1] + " #" + i)).task();
                System.out.println(t.id());
            }
        });
    }
}

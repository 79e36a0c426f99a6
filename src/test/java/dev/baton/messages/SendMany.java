package dev.baton.messages;

import dev.baton.app.Session;
import dev.baton.app.Messages;
import dev.baton.app.Repositories;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for {@link ConcurrentSendersTest}, started by {@link TempRepo#race}: opens the repository, says it
 * is ready, waits for the go file, then sends {@code count} messages "sender i" to {@code #load} as fast as it can.
 *
 * <p>Arguments: repository, sender, count, ready file, go file.
 */
public final class SendMany {

    public static void main(String[] args) {
        Path repo = Path.of(args[0]);
        String sender = args[1];
        int count = Integer.parseInt(args[2]);
        Path ready = Path.of(args[3]);
        Path go = Path.of(args[4]);
        try (Session c = new Session(Repositories.open(repo.toFile()), Clock.systemUTC(), sender)) {
            Messages messages = c.messages();
            messages.address("#load"); // load the classes before the race
            TempRepo.barrier(ready, go);
            for (int i = 0; i < count; i++) {
                messages.send("#load", sender + " " + i, null, false, null);
            }
        }
        System.exit(0);
    }
}

package dev.baton.concurrency;

import dev.baton.app.Session;
import dev.baton.app.Repositories;
import java.io.File;
import java.time.Clock;
import java.time.Duration;

/** What the worker mains of this package share. */
final class Workers {

    /** The clock the CLI uses: the board records milliseconds. */
    static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

    private Workers() {
    }

    /** A session for {@code agent}, kept open for the worker's whole life (as {@code heartbeat --every} does). */
    static Session session(String repoDir, String agent) {
        return new Session(Repositories.open(new File(repoDir)), CLOCK, agent);
    }
}

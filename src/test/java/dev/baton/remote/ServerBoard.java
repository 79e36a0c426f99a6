package dev.baton.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.store.LoggedEvent;
import dev.baton.app.Repositories;
import dev.baton.core.Task;
import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The board as the server holds it, read straight from the bare repository (no remote mode there). */
final class ServerBoard {

    private ServerBoard() {
    }

    static Session open(GitServer server) {
        return new Session(Repositories.open(server.bare().toFile()),
                Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)), "checker");
    }

    /** Every claim event on the server's board: task id → the actors that claimed it, oldest first. */
    static Map<String, List<String>> claims(GitServer server) {
        Map<String, List<String>> claims = new HashMap<>();
        try (Session c = open(server)) {
            List<LoggedEvent> log = new ArrayList<>(c.board().log(null, 0));
            java.util.Collections.reverse(log);
            for (LoggedEvent e : log) {
                if (e.event() != null && e.event().command().name().equals("claim")) {
                    claims.computeIfAbsent(e.event().taskId(), k -> new ArrayList<>()).add(e.event().actor());
                }
            }
        }
        return claims;
    }

    static Task task(GitServer server, String id) {
        try (Session c = open(server)) {
            return c.board().task(id);
        }
    }

    /** {@code baton fsck} on the server's bare repository says the board is clean. */
    static void assertFsckClean(GitServer server) {
        Run fsck = Cli.as(server.bare(), "checker", "fsck");
        assertThat(fsck.exit()).as("baton fsck on the server: %s", fsck).isZero();
        assertThat(fsck.out()).contains("board clean");
    }
}

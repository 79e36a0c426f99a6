package dev.baton.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.app.SpawnRequest;
import dev.baton.testing.Cli;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task re-queued with a backoff says so where people look at it: show and board, as claim does. */
class BackoffShownTest {

    @TempDir
    Path tmp;

    @Test
    void showAndBoardSayATaskIsBackingOff() {
        TempRepo repo = TempRepo.create(tmp);
        String id;
        try (Session lead = repo.session("lead"); Session agent = repo.session("agent-a")) {
            lead.maintenance().init();
            id = lead.transitions().spawn(SpawnRequest.of("flaky")).task().id();
            agent.transitions().claim(id, null);
            agent.transitions().fail(id, null, "it broke", null);
            lead.transitions().retry(id, Duration.ofHours(1));
        }
        assertThat(Cli.as(repo.dir(), "agent-a", "claim", id).err()).contains("backing off after attempt 1 until");
        assertThat(Cli.ok(repo.dir(), "lead", "show", id)).contains("backing off after attempt 1 until");
        assertThat(Cli.ok(repo.dir(), "lead", "show", id, "--json")).contains("backing off after attempt 1 until");
        assertThat(Cli.ok(repo.dir(), "lead", "board")).contains("backing off");
    }
}

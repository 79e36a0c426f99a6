package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton board} shows lease time left, the last heartbeat note, and stale and blocked markers. */
class BoardViewTest {

    @TempDir
    Path tmp;

    @Test
    void theBoardShowsLeasesNotesAndWhatHoldsTasksBack() throws Exception {
        Repo repo = Repo.withBoard(tmp);
        String working = repo.spawn("Parser");
        repo.baton("claim", working, "--as", "agent-a").ok();
        repo.baton("heartbeat", working, "--as", "agent-a", "-m", "parsing done").ok();
        String waiting = repo.spawn("Printer", "--after", working);
        String broken = repo.spawn("Lexer");
        repo.baton("claim", broken, "--as", "agent-b").ok();
        repo.baton("fail", broken, "-m", "gave up", "--as", "agent-b").ok();
        String blocked = repo.spawn("Tokens", "--after", broken);
        String stale = repo.spawn("Slow");
        repo.baton("claim", stale, "--as", "agent-c", "--lease", "1s").ok();
        Thread.sleep(1_200);

        String text = repo.baton("board", "--width", "240").ok().out();
        assertThat(line(text, working)).contains("agent-a").doesNotContain("[STALE]");
        assertThat(text).contains("note: parsing done", "waits for " + working + " (ASSIGNED)",
                "blocked: " + broken + " is FAILED", "LEASE EXPIRED");
        assertThat(line(text, blocked)).contains("[BLOCKED]");
        assertThat(line(text, stale)).contains("agent-c", "[STALE]");
        assertThat(line(text, waiting)).doesNotContain("[BLOCKED]");
        assertThat(text).containsPattern("lease 1[45]m left");

        JsonNode json = repo.baton("--json", "board").ok().json();
        JsonNode assigned = find(json.get("ASSIGNED"), working);
        assertThat(assigned.get("heartbeatNote").asText()).isEqualTo("parsing done");
        assertThat(assigned.get("stale").asBoolean()).isFalse();
        assertThat(find(json.get("ASSIGNED"), stale).get("stale").asBoolean()).isTrue();
        assertThat(find(json.get("QUEUED"), blocked).get("blockedWhy").asText()).contains(broken);
        assertThat(find(json.get("QUEUED"), waiting).get("waiting").asText()).contains(working);
    }

    private static String line(String board, String id) {
        return board.lines().filter(l -> l.contains(id)).findFirst().orElseThrow();
    }

    private static JsonNode find(JsonNode column, String id) {
        for (JsonNode n : column) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError(id + " not in " + column);
    }
}

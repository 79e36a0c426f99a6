package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handoff goes from one owner to the next: shown, printed alone, written into TASK.md, posted to the thread. */
class HandoffTest {

    @TempDir
    Path tmp;

    @Test
    void aHandoffReachesTheReviewerTheThreadAndTheNextOwnersTaskFile() throws Exception {
        Repo repo = Repo.withBoard(tmp);
        String id = repo.spawn("Parse the config");
        Path first = Path.of(repo.baton("start", id, "--as", "agent-a").ok().value());
        repo.baton("done", id, "--as", "agent-a", "--summary", "Parser reads sections", "--changed", "src/Parser.java",
                "--remains", "Comments are not handled", "--next", "Add comment skipping", "--blockers", "none").ok();

        assertThat(repo.baton("show", id).ok().out()).contains("Handoff:", "Parser reads sections",
                "Add comment skipping");
        List<String> alone = repo.baton("handoff", id).ok().lines();
        assertThat(alone).containsExactly("- **Summary:** Parser reads sections", "- **What changed:** src/Parser.java",
                "- **What remains:** Comments are not handled", "- **Next step:** Add comment skipping",
                "- **Blockers:** none");
        JsonNode json = repo.baton("--json", "handoff", id).ok().json();
        assertThat(json.get("handoff").get("next").asText()).isEqualTo("Add comment skipping");

        // the reviewer rejects: the owner's TASK.md has the reason and still the handoff
        repo.baton("reject", id, "-m", "comments break it", "--as", "reviewer").ok();
        String taskFile = Files.readString(first.resolve("TASK.md"), StandardCharsets.UTF_8);
        assertThat(taskFile).contains("comments break it", "## Handoff", "Add comment skipping");

        // the owner gives up with a handoff; another agent picks the task up after a retry and starts from it
        repo.baton("fail", id, "-m", "out of time", "--as", "agent-a", "--summary", "Half of comment skipping",
                "--remains", "Block comments").ok();
        repo.baton("retry", id, "--as", "lead").ok();
        Path second = Path.of(repo.baton("start", id, "--as", "agent-b").ok().value());
        String next = Files.readString(second.resolve("TASK.md"), StandardCharsets.UTF_8);
        assertThat(next).contains("owner: agent-b", "## Handoff", "Half of comment skipping", "Block comments");

        // and the thread tells the whole story, each post from whoever made the transition
        List<JsonNode> thread = repo.baton("--json", "thread", id).ok().ndjson();
        assertThat(thread).extracting(n -> n.get("handoff").asText()).containsExactly("done", "reject", "fail");
        assertThat(thread).extracting(n -> n.get("from").asText()).containsExactly("agent-a", "reviewer", "agent-a");
        assertThat(thread.get(0).get("body").asText()).startsWith("done: " + id + " is IN_REVIEW")
                .contains("- **Summary:** Parser reads sections");
        assertThat(thread.get(1).get("body").asText()).contains("Reason: comments break it")
                .doesNotContain("Parser reads sections");
        assertThat(thread.get(2).get("body").asText()).contains("Reason: out of time", "Block comments");
        assertThat(thread).allSatisfy(n -> assertThat(n.get("task").asText()).isEqualTo(id));
    }

    @Test
    void aReapPostsWhatTheLeaseLeft() throws Exception {
        Repo repo = Repo.withBoard(tmp);
        String id = repo.spawn("Short lease");
        repo.baton("claim", id, "--as", "agent-a", "--lease", "1s").ok();
        repo.baton("heartbeat", id, "--as", "agent-a", "-m", "halfway", "--lease", "1s").ok();
        Thread.sleep(1_200);
        repo.baton("reap", "--as", "lead").ok();
        List<JsonNode> thread = repo.baton("--json", "thread", id).ok().ndjson();
        assertThat(thread).hasSize(1);
        assertThat(thread.get(0).get("handoff").asText()).isEqualTo("reap");
        assertThat(thread.get(0).get("from").asText()).isEqualTo("lead");
        assertThat(thread.get(0).get("body").asText()).contains("is QUEUED", "lease expired after 1 heartbeat",
                "halfway");

    }

    @Test
    void aPostThatFailsOnlyWarnsAndTheTransitionStands() throws Exception {
        Repo repo = Repo.withBoard(tmp);
        String id = repo.spawn("Unlucky");
        repo.baton("start", id, "--as", "agent-b").ok();
        // a file where the folder of task threads should be: no thread can be written
        Path inTheWay = repo.dir().resolve(".git/refs/baton/channels/task");
        Files.createDirectories(inTheWay.getParent());
        Files.writeString(inTheWay, "in the way\n");
        Run done = repo.baton("done", id, "--as", "agent-b", "--summary", "done anyway");
        assertThat(done.exit()).as("%s", done).isZero();
        assertThat(done.out().strip()).isEqualTo(id + " is IN_REVIEW");
        assertThat(done.err()).startsWith("baton: warning: could not post the done handoff of " + id + " to its thread");
        assertThat(repo.baton("--json", "show", id).ok().json().get("state").asText()).isEqualTo("IN_REVIEW");
    }
}

package dev.baton.queue;

import static dev.baton.queue.QueueRepo.AGENT;
import static dev.baton.queue.QueueRepo.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blocker that ends FAILED or CANCELLED, through the CLI: each dependent's policy (wait, cancel, ignore) applies in
 * the very commit that ended the blocker; `ready` skips the blocked, `list --blocked` shows them with their chain, and a
 * retry lifts the mark. fsck's replay gives the same cascades.
 */
class BlockedCliTest {

    @TempDir
    Path tmp;

    @Test
    void eachPolicyAppliesInTheCommitThatFailedTheBlocker() {
        QueueRepo repo = QueueRepo.create(tmp);
        String a = repo.spawn("Build the image");
        String waits = repo.spawn("Deploy (waits)", "--after", a);
        String cancels = repo.spawn("Announce (cancels)", "--after", a, "--on-blocker-fail", "cancel");
        String ignores = repo.spawn("Clean up (ignores)", "--after", a, "--on-blocker-fail", "IGNORE");
        String chained = repo.spawn("Smoke test (after deploy)", "--after", waits);
        String cancelChained = repo.spawn("Tweet (after announce)", "--after", cancels, "--on-blocker-fail", "cancel");
        String other = repo.spawn("Unrelated");
        assertThat(repo.show(cancels).get("onBlockerFail").asText()).isEqualTo("CANCEL");
        assertThat(repo.show(waits).has("onBlockerFail")).isFalse();

        repo.baton("claim", a, "--as", AGENT).ok();
        String beforeFail = repo.tip();
        repo.baton("fail", a, "-m", "registry is down", "--as", AGENT).ok();
        String failCommit = repo.tip();
        assertThat(repo.git("rev-parse", failCommit + "^").strip()).isEqualTo(beforeFail);

        // one commit carries every consequence
        assertThat(repo.recordAt(failCommit, a).get("state").asText()).isEqualTo("FAILED");
        assertThat(repo.recordAt(failCommit, waits).get("blocked").asText()).isEqualTo(a + " is FAILED: registry is down");
        assertThat(repo.recordAt(failCommit, waits).get("state").asText()).isEqualTo("QUEUED");
        assertThat(repo.recordAt(failCommit, cancels).get("state").asText()).isEqualTo("CANCELLED");
        assertThat(repo.recordAt(failCommit, cancels).get("reason").asText())
                .isEqualTo("blocker " + a + " is FAILED: registry is down");
        assertThat(repo.recordAt(failCommit, cancelChained).get("state").asText()).isEqualTo("CANCELLED");
        assertThat(repo.recordAt(failCommit, ignores).get("state").asText()).isEqualTo("QUEUED");
        assertThat(repo.recordAt(failCommit, ignores).has("blocked")).isFalse();
        assertThat(repo.recordAt(failCommit, chained).has("blocked")).isFalse();
        // and the index of open tasks follows: the cancelled are out of it
        String index = repo.git("ls-tree", "-r", "--name-only", failCommit, "index");
        assertThat(index).contains(waits).contains(ignores).contains(chained).doesNotContain(cancels)
                .doesNotContain(cancelChained);

        assertThat(readyIds(repo)).containsExactlyInAnyOrder(ignores, other);
        assertThat(repo.baton("claim", waits, "--as", AGENT).fails(1).error())
                .isEqualTo(waits + " cannot start yet: blocked: " + a + " is FAILED: registry is down");

        // list --blocked: the marked one, and the one behind it, each with its chain to the cause
        Run blocked = repo.baton("list", "--blocked").ok();
        assertThat(blocked.out())
                .contains(waits + "  QUEUED")
                .contains("\n    blocked: " + waits + " → " + a + " (" + a + " is FAILED: registry is down)\n")
                .contains(chained + "  QUEUED")
                .contains("\n    blocked: " + chained + " → " + waits + " → " + a + " (" + a + " is FAILED)\n")
                .doesNotContain(ignores).doesNotContain(other).doesNotContain(cancels);
        Map<String, JsonNode> json = repo.baton("--json", "list", "--blocked").ok().ndjson().stream()
                .collect(Collectors.toMap(n -> n.get("id").asText(), n -> n));
        assertThat(json.keySet()).containsExactlyInAnyOrder(waits, chained);
        assertThat(json.get(chained).get("chain")).extracting(JsonNode::asText).containsExactly(chained, waits, a);
        assertThat(json.get(chained).get("why").asText()).isEqualTo(a + " is FAILED");
        assertThat(json.get(waits).get("chain")).extracting(JsonNode::asText).containsExactly(waits, a);
        assertThat(json.get(waits).get("blocked").asText()).isEqualTo(a + " is FAILED: registry is down");

        // a retry lifts the mark, in its own commit; the cancelled stay cancelled
        repo.baton("retry", a, "--as", LEAD).ok();
        assertThat(repo.recordAt(repo.tip(), waits).has("blocked")).isFalse();
        assertThat(repo.baton("list", "--blocked").ok().value()).isEqualTo("nothing blocked");
        assertThat(repo.state(cancels)).isEqualTo("CANCELLED");
        assertThat(readyIds(repo)).containsExactlyInAnyOrder(a, other);

        repo.complete(a);
        assertThat(readyIds(repo)).containsExactlyInAnyOrder(waits, ignores, other);
        repo.assertFsckClean();
    }

    @Test
    void aCancelledBlockerBlocksAndSpawningAfterAnEndedTaskAppliesThePolicyAtOnce() {
        QueueRepo repo = QueueRepo.create(tmp);
        String a = repo.spawn("Spike");
        String b = repo.spawn("Follow-up", "--after", a);
        repo.baton("cancel", a, "-m", "dropped", "--as", LEAD).ok();
        assertThat(repo.show(b).get("blocked").asText()).isEqualTo(a + " is CANCELLED: dropped");
        assertThat(repo.show(b).get("waiting").asText()).isEqualTo("blocked: " + a + " is CANCELLED: dropped");

        String c = repo.spawn("Born blocked", "--after", a);
        String d = repo.spawn("Born cancelled", "--after", a, "--on-blocker-fail", "cancel");
        String e = repo.spawn("Born ready", "--after", a, "--on-blocker-fail", "ignore");
        assertThat(repo.show(c).get("blocked").asText()).isEqualTo(a + " is CANCELLED: dropped");
        assertThat(repo.state(d)).isEqualTo("CANCELLED");
        assertThat(readyIds(repo)).containsExactly(e);

        // dep rm of the cancelled blocker lifts its mark
        repo.baton("dep", "rm", b, a, "--as", LEAD).ok();
        assertThat(repo.show(b).has("blocked")).isFalse();
        assertThat(readyIds(repo)).containsExactlyInAnyOrder(b, e);

        // dep add on an ended blocker marks at once
        repo.baton("dep", "add", b, a, "--as", LEAD).ok();
        assertThat(repo.show(b).get("blocked").asText()).isEqualTo(a + " is CANCELLED: dropped");
        repo.assertFsckClean();
    }

    @Test
    void anUnknownPolicyIsAUsageError() {
        QueueRepo repo = QueueRepo.create(tmp);
        String a = repo.spawn("one");
        String tip = repo.tip();
        assertThat(repo.baton("spawn", "two", "--after", a, "--on-blocker-fail", "retry", "--as", LEAD).fails(2).error())
                .isEqualTo("--on-blocker-fail: unknown policy 'retry' (one of wait, cancel, ignore)");
        assertThat(repo.tip()).isEqualTo(tip);
    }

    private static List<String> readyIds(QueueRepo repo) {
        return repo.baton("--json", "ready").ok().ndjson().stream().map(n -> n.get("id").asText()).toList();
    }
}

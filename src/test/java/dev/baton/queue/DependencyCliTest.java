package dev.baton.queue;

import static dev.baton.queue.QueueRepo.AGENT;
import static dev.baton.queue.QueueRepo.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `spawn --after`, `dep add|rm`, `ready`, `claim --next` and `deps` through the CLI, on a real board. */
class DependencyCliTest {

    @TempDir
    Path tmp;

    @Test
    void aTaskSpawnedAfterAnotherWaitsForItsCompletion() {
        QueueRepo repo = QueueRepo.create(tmp);
        String a = repo.spawn("Design the schema");
        String b = repo.spawn("Write the migration", "--after", a.substring(2, 7)); // a prefix will do

        JsonNode shown = repo.show(b);
        assertThat(shown.get("after")).extracting(JsonNode::asText).containsExactly(a);
        assertThat(shown.get("waiting").asText()).isEqualTo("waits for " + a + " (QUEUED)");
        assertThat(repo.show(a).get("dependents")).extracting(JsonNode::asText).containsExactly(b);
        assertThat(repo.baton("show", b).ok().out())
                .contains("  after:    " + a + " QUEUED  Design the schema\n")
                .contains("  waiting:  waits for " + a + " (QUEUED)\n");

        assertThat(ids(repo.baton("--json", "ready").ok())).containsExactly(a);
        String tip = repo.tip();
        assertThat(repo.baton("claim", b, "--as", AGENT).fails(1).error())
                .isEqualTo(b + " cannot start yet: waits for " + a + " (QUEUED)");
        assertThat(repo.baton("start", b, "--as", AGENT).fails(1).error())
                .isEqualTo(b + " cannot start yet: waits for " + a + " (QUEUED)");
        assertThat(repo.tip()).isEqualTo(tip);

        repo.complete(a);
        assertThat(ids(repo.baton("--json", "ready").ok())).containsExactly(b);
        assertThat(repo.baton("claim", "--next", "--as", AGENT).ok().value())
                .isEqualTo(b + " claimed by " + AGENT + " (epoch 1)");
        repo.assertFsckClean();
    }

    @Test
    void afterIsRepeatableAndAnUnknownBlockerIsRefused() {
        QueueRepo repo = QueueRepo.create(tmp);
        String a = repo.spawn("one");
        String b = repo.spawn("two");
        String c = repo.spawn("three", "--after", a, "--after", b);
        assertThat(repo.show(c).get("after")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(Stream.of(a, b).sorted().toList());

        String tip = repo.tip();
        assertThat(repo.baton("spawn", "four", "--after", "T-zzzzzzzz", "--as", LEAD).fails(2).error())
                .isEqualTo("no task matches 'T-zzzzzzzz'; see `baton list`");
        assertThat(repo.tip()).isEqualTo(tip);

        repo.complete(a);
        assertThat(repo.show(c).get("waiting").asText()).isEqualTo("waits for " + b + " (QUEUED)");
        repo.complete(b);
        assertThat(repo.show(c).has("waiting")).isFalse();
        repo.assertFsckClean();
    }

    @Test
    void depAddAndRmEditTheDependenciesLater() {
        QueueRepo repo = QueueRepo.create(tmp);
        String a = repo.spawn("one");
        String b = repo.spawn("two");
        int commits = repo.commits();

        assertThat(repo.baton("dep", "add", b, a, "--as", LEAD).ok().value()).isEqualTo(b + " now waits for " + a);
        assertThat(repo.commits()).isEqualTo(commits + 1);
        assertThat(repo.git("log", "-1", "--format=%s", "refs/baton/board").strip())
                .isEqualTo("dep-add " + b + " two (" + LEAD + ")");
        assertThat(ids(repo.baton("--json", "ready").ok())).containsExactly(a);

        // the same edge again changes nothing
        String tip = repo.tip();
        assertThat(repo.baton("dep", "add", b, a, "--as", LEAD).ok().value())
                .isEqualTo("no change: " + b + " already waits for it");
        assertThat(repo.baton("--json", "dep", "add", b, a, "--as", LEAD).ok().json().get("changed").asBoolean())
                .isFalse();
        assertThat(repo.tip()).isEqualTo(tip);

        assertThat(repo.baton("dep", "rm", b, a, "--as", LEAD).ok().value())
                .isEqualTo(b + " no longer waits for " + a);
        assertThat(ids(repo.baton("--json", "ready").ok())).containsExactly(a, b);
        assertThat(repo.baton("dep", "rm", b, a, "--as", LEAD).ok().value())
                .isEqualTo("no change: " + b + " did not wait for it");

        assertThat(repo.baton("dep", "--as", LEAD).exit()).isEqualTo(2);
        repo.assertFsckClean();
    }

    @Test
    void aCycleIsRefusedAtWriteTimeAndPrinted() {
        QueueRepo repo = QueueRepo.create(tmp);
        String a = repo.spawn("one");
        String b = repo.spawn("two", "--after", a);
        String c = repo.spawn("three", "--after", b);
        String tip = repo.tip();

        assertThat(repo.baton("dep", "add", a, b, "--as", LEAD).fails(1).error())
                .isEqualTo("that would make a cycle: " + a + " → " + b + " → " + a);
        assertThat(repo.baton("dep", "add", a, c, "--as", LEAD).fails(1).error())
                .isEqualTo("that would make a cycle: " + a + " → " + c + " → " + b + " → " + a);
        assertThat(repo.baton("dep", "add", a, a, "--as", LEAD).fails(1).error())
                .isEqualTo("that would make a cycle: " + a + " → " + a);
        JsonNode err = Run.parse(repo.baton("--json", "dep", "add", a, b, "--as", LEAD).fails(1).err());
        assertThat(err.get("error").asText()).isEqualTo("that would make a cycle: " + a + " → " + b + " → " + a);
        assertThat(err.get("exit").asInt()).isEqualTo(1);
        assertThat(repo.tip()).isEqualTo(tip);
        repo.assertFsckClean();
    }

    @Test
    void readyIsOrderedByPriorityThenAgeAndClaimNextFollowsIt() {
        QueueRepo repo = QueueRepo.create(tmp);
        String old2 = repo.spawn("old p2", "--label", "api");
        QueueRepo.nextMillisecond();
        String p0 = repo.spawn("urgent", "--priority", "0");
        QueueRepo.nextMillisecond();
        String new2 = repo.spawn("new p2", "--label", "api");
        QueueRepo.nextMillisecond();
        String p4 = repo.spawn("someday", "--priority", "4", "--label", "api");
        QueueRepo.nextMillisecond();
        String p1 = repo.spawn("soon", "--priority", "1", "--after", p4);
        QueueRepo.nextMillisecond();
        String p3 = repo.spawn("later", "--priority", "3");

        List<String> expected = List.of(p0, old2, new2, p3, p4);
        Run text = repo.baton("ready").ok();
        assertThat(text.lines()).extracting(l -> l.substring(0, 10)).containsExactlyElementsOf(expected);
        assertThat(text.lines().get(0)).contains("QUEUED").contains("p0  urgent");
        List<JsonNode> json = repo.baton("--json", "ready").ok().ndjson();
        assertThat(json).extracting(n -> n.get("id").asText()).containsExactlyElementsOf(expected);
        assertThat(json).extracting(n -> n.get("priority").asInt()).containsExactly(0, 2, 2, 3, 4);
        assertThat(json).allSatisfy(n -> assertThat(n.get("state").asText()).isEqualTo("QUEUED"));
        assertThat(ids(repo.baton("--json", "ready", "--label", "api").ok())).containsExactly(old2, new2, p4);
        assertThat(repo.baton("ready", "--label", "none").ok().value()).isEqualTo("nothing ready");

        // claim --next takes from the same order, one at a time; p1 becomes ready only once p4 is done
        String tip = repo.tip();
        assertThat(repo.baton("claim", "--next", "--label", "api", "--as", AGENT).ok().value()).startsWith(old2);
        assertThat(repo.git("rev-parse", "refs/baton/board^").strip()).isEqualTo(tip);
        for (String id : List.of(p0, new2, p3, p4)) {
            assertThat(repo.baton("--json", "claim", "--next", "--as", AGENT).ok().json().get("id").asText())
                    .isEqualTo(id);
        }
        assertThat(repo.baton("claim", "--next", "--as", AGENT).fails(1).error()).isEqualTo("nothing ready");
        assertThat(repo.state(p1)).isEqualTo("QUEUED");
        repo.assertFsckClean();
    }

    @Test
    void depsPrintsTheTreeOfBlockers() {
        QueueRepo repo = QueueRepo.create(tmp);
        String a = repo.spawn("base");
        String b = repo.spawn("middle", "--after", a);
        String c = repo.spawn("top", "--after", a, "--after", b);
        List<String> cBlockers = Stream.of(a, b).sorted().toList();

        String out = repo.baton("deps", c).ok().out();
        StringBuilder expected = new StringBuilder(c + " QUEUED  top\n");
        for (int i = 0; i < 2; i++) {
            boolean last = i == 1;
            String id = cBlockers.get(i);
            expected.append(last ? "└── " : "├── ").append(line(id, a, b)).append('\n');
            if (id.equals(b)) {
                expected.append(last ? "    " : "│   ").append("└── ").append(line(a, a, b)).append('\n');
            }
        }
        assertThat(out).isEqualTo(expected.toString());
        assertThat(repo.baton("deps", a).ok().out()).isEqualTo(a + " QUEUED  base\n");

        JsonNode tree = repo.baton("--json", "deps", c).ok().json();
        assertThat(tree.get("id").asText()).isEqualTo(c);
        assertThat(tree.get("state").asText()).isEqualTo("QUEUED");
        assertThat(tree.get("after")).extracting(n -> n.get("id").asText()).containsExactlyElementsOf(cBlockers);
        JsonNode middle = Stream.of(tree.get("after").get(0), tree.get("after").get(1))
                .filter(n -> n.get("id").asText().equals(b)).findFirst().orElseThrow();
        assertThat(middle.get("after")).extracting(n -> n.get("id").asText()).containsExactly(a);

        repo.complete(a);
        assertThat(repo.baton("deps", b).ok().out()).isEqualTo(b + " QUEUED  middle\n└── " + a + " COMPLETED  base\n");
    }

    private static String line(String id, String a, String b) {
        return id + " QUEUED  " + (id.equals(a) ? "base" : "middle");
    }

    private static List<String> ids(Run r) {
        return r.ndjson().stream().map(n -> n.get("id").asText()).toList();
    }
}

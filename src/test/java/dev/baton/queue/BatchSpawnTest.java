package dev.baton.queue;

import static dev.baton.queue.QueueRepo.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** `spawn --batch FILE`: NDJSON, one task a line, one commit, all or nothing; a bad line is named by its number. */
class BatchSpawnTest {

    @TempDir
    Path tmp;

    @Test
    void everyLineBecomesATaskInOneCommit() {
        QueueRepo repo = QueueRepo.create(tmp);
        String base = repo.spawn("Existing work");
        String epic = repo.spawn("The epic");
        int commits = repo.commits();
        String tip = repo.tip();

        Path file = repo.file("tasks.ndjson", String.join("\n",
                "{\"title\": \"Parse the input\", \"priority\": 1, \"labels\": [\"parser\", \"core\"], \"key\": \"b-1\"}",
                "",
                "{\"title\": \"Check types\", \"spec\": \"## Requirements\\n- all of them\", \"after\": [\"" + base + "\"]}",
                "{\"title\": \"Emit code\", \"parent\": \"" + epic.substring(0, 6) + "\", \"onBlockerFail\": \"cancel\","
                        + " \"after\": \"" + base.substring(2) + "\"}",
                "{\"title\": \"Assigned at once\", \"to\": \"agent-z\", \"base\": \"main\"}",
                ""));
        Run r = repo.baton("--json", "spawn", "--batch", file.toString(), "--as", LEAD).ok();

        List<JsonNode> created = r.ndjson();
        assertThat(created).extracting(n -> n.get("title").asText())
                .containsExactlyInAnyOrder("Parse the input", "Check types", "Emit code", "Assigned at once");
        assertThat(created).allSatisfy(n -> assertThat(n.get("created").asBoolean()).isTrue());
        assertThat(repo.commits()).isEqualTo(commits + 1);
        assertThat(repo.git("rev-parse", "refs/baton/board^").strip()).isEqualTo(tip);
        assertThat(repo.git("log", "-1", "--format=%s", "refs/baton/board").strip()).startsWith("spawn-batch ")
                .endsWith(" 4 tasks (" + LEAD + ")");

        JsonNode parse = byTitle(created, "Parse the input");
        assertThat(parse.get("priority").asInt()).isEqualTo(1);
        assertThat(parse.get("labels")).extracting(JsonNode::asText).containsExactly("core", "parser");
        assertThat(parse.get("key").asText()).isEqualTo("b-1");
        JsonNode check = byTitle(created, "Check types");
        assertThat(check.get("spec").asText()).isEqualTo("## Requirements\n- all of them");
        assertThat(check.get("after")).extracting(JsonNode::asText).containsExactly(base);
        JsonNode emit = byTitle(created, "Emit code");
        assertThat(emit.get("parent").asText()).isEqualTo(epic);
        assertThat(emit.get("onBlockerFail").asText()).isEqualTo("CANCEL");
        JsonNode assigned = byTitle(created, "Assigned at once");
        assertThat(assigned.get("state").asText()).isEqualTo("ASSIGNED");
        assertThat(assigned.get("assignee").asText()).isEqualTo("agent-z");

        assertThat(repo.show(epic).get("children")).extracting(JsonNode::asText)
                .containsExactly(emit.get("id").asText());
        assertThat(repo.show(base).get("dependents")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(check.get("id").asText(), emit.get("id").asText());

        // again: the keyed line exists, the others are new
        Path again = repo.file("again.ndjson", "{\"title\": \"Parse the input\", \"priority\": 1, \"key\": \"b-1\"}\n"
                + "{\"title\": \"One more\"}\n");
        assertThat(repo.baton("spawn", "--batch", again.toString(), "--as", LEAD).ok().value())
                .isEqualTo("created 1 tasks (1 existed already by key)");
        // and only existing keys: nothing to write
        Path same = repo.file("same.ndjson", "{\"title\": \"Parse the input\", \"key\": \"b-1\"}\n");
        String tipNow = repo.tip();
        assertThat(repo.baton("spawn", "--batch", same.toString(), "--as", LEAD).ok().value())
                .isEqualTo("created 0 tasks (1 existed already by key)");
        assertThat(repo.tip()).isEqualTo(tipNow);
        repo.assertFsckClean();
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("not JSON", "{\"title\": \"unfinished", "line 4: not valid JSON; nothing was created"),
                Arguments.of("not an object", "[\"title\"]", "line 4: expected a JSON object; nothing was created"),
                Arguments.of("unknown field", "{\"title\": \"x\", \"owner\": \"me\"}",
                        "line 4: unknown field 'owner' (known: after, base, key, labels, onBlockerFail, parent, "
                                + "priority, spec, title, to); nothing was created"),
                Arguments.of("missing title", "{\"spec\": \"no title\"}",
                        "line 4: a task needs a non-empty \"title\"; nothing was created"),
                Arguments.of("blank title", "{\"title\": \"  \"}",
                        "line 4: a task needs a non-empty \"title\"; nothing was created"),
                Arguments.of("priority out of range", "{\"title\": \"x\", \"priority\": 7}",
                        "line 4: priority 7 is out of range; use 0 (most urgent) to 4; nothing was created"),
                Arguments.of("priority not a number", "{\"title\": \"x\", \"priority\": \"high\"}",
                        "line 4: \"priority\" must be a number 0-4; nothing was created"),
                Arguments.of("title not a string", "{\"title\": 7}",
                        "line 4: \"title\" must be a string; nothing was created"),
                Arguments.of("spec not a string", "{\"title\": \"x\", \"spec\": {\"a\": 1}}",
                        "line 4: \"spec\" must be a string; nothing was created"),
                Arguments.of("labels not a list", "{\"title\": \"x\", \"labels\": {\"a\": 1}}",
                        "line 4: \"labels\" must be a list of strings; nothing was created"),
                Arguments.of("after not a list", "{\"title\": \"x\", \"after\": 5}",
                        "line 4: \"after\" must be a list of strings; nothing was created"),
                Arguments.of("unknown blocker (refused by the state machine)",
                        "{\"title\": \"x\", \"after\": [\"T-zzzzzzzz\"]}",
                        "line 4: no task T-zzzzzzzz to wait for; nothing was created"),
                Arguments.of("unknown blocker prefix", "{\"title\": \"x\", \"after\": [\"zzzz\"]}",
                        "line 4: no task matches 'zzzz'; see `baton list`; nothing was created"),
                Arguments.of("unknown epic (refused by the state machine)",
                        "{\"title\": \"x\", \"parent\": \"T-zzzzzzzz\"}",
                        "line 4: no open task T-zzzzzzzz to be the epic; nothing was created"),
                Arguments.of("bad policy", "{\"title\": \"x\", \"onBlockerFail\": \"later\"}",
                        "line 4: --on-blocker-fail: unknown policy 'later' (one of wait, cancel, ignore); "
                                + "nothing was created"),
                Arguments.of("bad label", "{\"title\": \"x\", \"labels\": [\"no spaces\"]}",
                        "line 4: label 'no spaces' is not valid; use letters, digits, '.', '_', '-', '/'; "
                                + "nothing was created"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void oneBadLineFailsTheWholeBatchAndNamesTheLine(String what, String bad, String message) {
        QueueRepo repo = QueueRepo.create(tmp);
        repo.spawn("Existing");
        String tip = repo.tip();
        // line 2 is blank, so the bad line is the third task but the fourth line
        Path file = repo.file("batch.ndjson", "{\"title\": \"good one\"}\n\n{\"title\": \"good two\", \"priority\": 0}\n"
                + bad + "\n{\"title\": \"good three\"}\n");

        Run r = repo.baton("spawn", "--batch", file.toString(), "--as", LEAD).fails(2);
        assertThat(r.error()).isEqualTo(message);
        assertThat(repo.tip()).as("nothing was created").isEqualTo(tip);
        assertThat(repo.baton("--json", "list").ok().ndjson()).hasSize(1);

        JsonNode err = Run.parse(repo.baton("--json", "spawn", "--batch", file.toString(), "--as", LEAD)
                .fails(2).err());
        assertThat(err.get("error").asText()).isEqualTo(message);
        assertThat(err.get("exit").asInt()).isEqualTo(2);
        assertThat(repo.tip()).isEqualTo(tip);
    }

    @Test
    void aKeyConflictOnOneLineRefusesTheBatchLikeASingleSpawn() {
        QueueRepo repo = QueueRepo.create(tmp);
        String existing = repo.spawn("Taken", "--key", "k");
        String tip = repo.tip();
        Path file = repo.file("conflict.ndjson", "{\"title\": \"fine\"}\n{\"title\": \"Not the same\", \"key\": \"k\"}\n");
        // the same exit code as `spawn --key` with another title: the protocol refuses (1), the input is well formed
        assertThat(repo.baton("spawn", "--batch", file.toString(), "--as", LEAD).fails(1).error())
                .isEqualTo("line 2: key 'k' already belongs to " + existing
                        + " (\"Taken\") with a different title or spec; use another key; nothing was created");
        assertThat(repo.tip()).isEqualTo(tip);
    }

    @Test
    void batchMisuseIsAUsageError() {
        QueueRepo repo = QueueRepo.create(tmp);
        String tip = repo.tip();
        assertThat(repo.baton("spawn", "--batch", tmp.resolve("missing.ndjson").toString(), "--as", LEAD).fails(2)
                .error()).startsWith("batch file ").endsWith(" does not exist");
        Path empty = repo.file("empty.ndjson", "\n\n");
        assertThat(repo.baton("spawn", "--batch", empty.toString(), "--as", LEAD).fails(2).error())
                .endsWith(" has no tasks");
        Path one = repo.file("one.ndjson", "{\"title\": \"x\"}\n");
        assertThat(repo.baton("spawn", "title", "--batch", one.toString(), "--as", LEAD).fails(2).error())
                .isEqualTo("--batch takes every task from the file; give no title or spec");
        assertThat(repo.tip()).isEqualTo(tip);
    }

    private static JsonNode byTitle(List<JsonNode> nodes, String title) {
        return nodes.stream().filter(n -> n.get("title").asText().equals(title)).findFirst().orElseThrow();
    }
}

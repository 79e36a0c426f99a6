package dev.baton.queue;

import static dev.baton.queue.QueueRepo.AGENT;
import static dev.baton.queue.QueueRepo.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `spawn --spec-file`, `edit --spec-file` bumping specVersion, and start recording startedSpecVersion. */
class SpecVersionCliTest {

    private static final String SPEC_1 = "# Rate limiter\n\n## Requirements\n\n- 100 requests a minute per key\n\n"
            + "## Design\n\nA token bucket in Redis.\n\n## Acceptance\n\n- a load test shows 429s past the limit\n";
    private static final String SPEC_2 = SPEC_1.replace("100 requests", "200 requests");

    @TempDir
    Path tmp;

    @Test
    void editBumpsTheSpecVersionAndStartRecordsTheVersionWorkStartedOn() {
        QueueRepo repo = QueueRepo.create(tmp);
        Path v1 = repo.file("spec-v1.md", SPEC_1);
        Path v2 = repo.file("spec-v2.md", SPEC_2);
        String id = repo.spawn("Add a rate limiter", "--spec-file", v1.toString());
        JsonNode spawned = repo.show(id);
        assertThat(spawned.get("spec").asText()).isEqualTo(SPEC_1);
        assertThat(spawned.get("specVersion").asInt()).isEqualTo(1);
        assertThat(spawned.has("startedSpecVersion")).isFalse();
        assertThat(repo.baton("show", id).ok().out()).contains("  spec:     version 1\n").contains("## Design");

        assertThat(repo.baton("edit", id, "--spec-file", v2.toString(), "--as", LEAD).ok().value())
                .isEqualTo(id + " edited (spec version 2)");
        assertThat(repo.git("log", "-1", "--format=%s", "refs/baton/board").strip())
                .isEqualTo("edit " + id + " Add a rate limiter (" + LEAD + ")");
        JsonNode edited = repo.show(id);
        assertThat(edited.get("spec").asText()).isEqualTo(SPEC_2);
        assertThat(edited.get("specVersion").asInt()).isEqualTo(2);

        // the same spec again: no new version, no commit, and it says so
        String tip = repo.tip();
        assertThat(repo.baton("edit", id, "--spec-file", v2.toString(), "--as", LEAD).ok().value())
                .isEqualTo(id + ": nothing to change");
        assertThat(repo.baton("edit", id, "--as", LEAD).ok().value()).isEqualTo(id + ": nothing to change");
        assertThat(repo.baton("edit", id, "--title", "Add a rate limiter", "--as", LEAD, "--json").ok().json()
                .get("changed").asBoolean()).isFalse();
        assertThat(repo.tip()).isEqualTo(tip);

        // claim is not starting; start is, and records the version in force
        repo.baton("claim", id, "--as", AGENT).ok();
        assertThat(repo.show(id).has("startedSpecVersion")).isFalse();
        Path wt = Path.of(repo.baton("start", id, "--as", AGENT).ok().value());
        assertThat(repo.recordAt(repo.tip(), id).get("startedSpecVersion").asInt()).isEqualTo(2);
        assertThat(wt.resolve("TASK.md")).content().contains("200 requests");

        // the lead edits while work goes on: the record shows the work is on an older version
        assertThat(repo.baton("--json", "edit", id, "--spec", SPEC_1, "--priority", "1", "--as", LEAD).ok().json()
                .get("specVersion").asInt()).isEqualTo(3);
        JsonNode now = repo.show(id);
        assertThat(now.get("specVersion").asInt()).isEqualTo(3);
        assertThat(now.get("startedSpecVersion").asInt()).isEqualTo(2);
        assertThat(now.get("priority").asInt()).isEqualTo(1);
        assertThat(repo.baton("show", id).ok().out()).contains("  spec:     version 3 (work started on version 2)\n");
        repo.assertFsckClean();
    }

    @Test
    void editRefusesBadInputAndFinishedTasks() {
        QueueRepo repo = QueueRepo.create(tmp);
        String id = repo.spawn("Something");
        String tip = repo.tip();
        assertThat(repo.baton("edit", id, "--spec", "a", "--spec-file", "x.md", "--as", LEAD).fails(2).error())
                .isEqualTo("give --spec or --spec-file, not both");
        assertThat(repo.baton("edit", id, "--priority", "9", "--as", LEAD).fails(2).error())
                .isEqualTo("priority 9 is out of range; use 0 (most urgent) to 4");
        assertThat(repo.baton("edit", id, "--spec-file", tmp.resolve("nope.md").toString(), "--as", LEAD).fails(2)
                .error()).endsWith("does not exist");
        assertThat(repo.tip()).isEqualTo(tip);

        repo.baton("cancel", id, "--as", LEAD).ok();
        assertThat(repo.baton("edit", id, "--title", "New", "--as", LEAD).fails(1).error())
                .isEqualTo(id + " is CANCELLED; only an open task can be edited");
    }
}

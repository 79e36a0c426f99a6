package dev.baton.queue;

import static dev.baton.queue.QueueRepo.AGENT;
import static dev.baton.queue.QueueRepo.LEAD;
import static dev.baton.queue.QueueRepo.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `spawn --parent`: epics. `show` gives the children and their progress; ready and claim --next never offer an epic;
 * an epic still QUEUED is COMPLETED by the very commit that merges its last open child.
 */
class EpicCliTest {

    @TempDir
    Path tmp;

    @Test
    void theEpicCompletesInTheCommitThatMergesItsLastChild() {
        QueueRepo repo = QueueRepo.create(tmp);
        String epic = repo.spawn("Ship search", "--priority", "0");
        String index = repo.spawn("Index documents", "--parent", epic);
        String query = repo.spawn("Query API", "--parent", epic.substring(2));
        String dropped = repo.spawn("Fuzzy matching", "--parent", epic);

        // the epic is never offered, however urgent
        assertThat(repo.baton("--json", "ready").ok().ndjson()).extracting(n -> n.get("id").asText())
                .doesNotContain(epic).contains(index, query, dropped);

        // show: the children and the progress, in text and JSON
        JsonNode shown = repo.show(epic);
        assertThat(shown.get("children")).extracting(JsonNode::asText).containsExactlyInAnyOrder(index, query, dropped);
        assertThat(shown.get("progress").get("completed").asInt()).isZero();
        assertThat(shown.get("progress").get("total").asInt()).isEqualTo(3);
        assertThat(shown.get("childTasks")).extracting(n -> n.get("id").asText())
                .containsExactlyInAnyOrder(index, query, dropped);
        assertThat(shown.get("childTasks")).allSatisfy(n -> assertThat(n.get("state").asText()).isEqualTo("QUEUED"));
        assertThat(repo.show(index).get("parent").asText()).isEqualTo(epic);
        assertThat(repo.baton("show", index).ok().out()).contains("  epic:     " + epic + "\n");

        repo.baton("cancel", dropped, "-m", "later", "--as", LEAD).ok();
        repo.complete(index);
        assertThat(repo.state(epic)).isEqualTo("QUEUED");
        String text = repo.baton("show", epic).ok().out();
        assertThat(text).contains("\nChildren: 1/3 COMPLETED\n");
        assertThat(text.lines().filter(l -> l.startsWith("  " + index)).findFirst().orElseThrow())
                .contains("COMPLETED").contains("Index documents");
        assertThat(text.lines().filter(l -> l.startsWith("  " + dropped)).findFirst().orElseThrow())
                .contains("CANCELLED");
        assertThat(text.lines().filter(l -> l.startsWith("  " + query)).findFirst().orElseThrow())
                .contains("QUEUED").contains("Query API");
        JsonNode progress = repo.show(epic).get("progress");
        assertThat(progress.get("completed").asInt()).isEqualTo(1);
        assertThat(progress.get("total").asInt()).isEqualTo(3);

        // the last child: through review, then the merge
        Path wt = Path.of(repo.baton("start", query, "--as", AGENT).ok().value());
        TempRepo.commitInTask(wt, "query.txt", "query\n", "Query API");
        QueueRepo.in(wt, "done", "--as", AGENT).ok();
        repo.baton("approve", query, "--as", REVIEWER).ok();
        String beforeMerge = repo.tip();
        assertThat(repo.recordAt(beforeMerge, epic).get("state").asText()).isEqualTo("QUEUED");
        repo.baton("merge", query, "--as", REVIEWER).ok();

        String merge = repo.tip();
        assertThat(repo.git("rev-parse", merge + "^").strip()).as("one commit").isEqualTo(beforeMerge);
        assertThat(repo.git("log", "-1", "--format=%s", merge).strip()).startsWith("merge " + query + " ");
        assertThat(repo.recordAt(merge, query).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(repo.recordAt(merge, epic).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(repo.git("ls-tree", "-r", "--name-only", merge, "index")).doesNotContain(epic);
        assertThat(repo.baton("show", epic).ok().out()).contains("\nChildren: 2/3 COMPLETED\n");
        assertThat(repo.show(epic).get("progress").get("completed").asInt()).isEqualTo(2);
        repo.assertFsckClean();
    }

    @Test
    void claimNextNeverTakesAnEpicAndAStartedEpicKeepsItsOwnLife() {
        QueueRepo repo = QueueRepo.create(tmp);
        String epic = repo.spawn("Epic", "--priority", "0");
        String child = repo.spawn("Child", "--parent", epic);
        assertThat(repo.baton("--json", "claim", "--next", "--as", AGENT).ok().json().get("id").asText())
                .isEqualTo(child);
        assertThat(repo.baton("claim", "--next", "--as", "agent-c").fails(1).error()).isEqualTo("nothing ready");
        assertThat(repo.state(epic)).isEqualTo("QUEUED");

        // taken by name, the epic is somebody's work: its child's merge leaves it be
        repo.baton("claim", epic, "--as", "agent-c").ok();
        repo.baton("cancel", child, "--as", LEAD).ok();
        String child2 = repo.spawn("Second child", "--parent", epic);
        repo.complete(child2);
        assertThat(repo.state(epic)).isEqualTo("ASSIGNED");
        assertThat(repo.show(epic).get("progress").get("completed").asInt()).isEqualTo(1);
        repo.assertFsckClean();
    }

    @Test
    void theParentMustBeAnOpenTask() {
        QueueRepo repo = QueueRepo.create(tmp);
        String done = repo.spawn("Done already");
        repo.complete(done);
        String tip = repo.tip();
        assertThat(repo.baton("spawn", "Late child", "--parent", done, "--as", LEAD).fails(2).error())
                .isEqualTo("no open task " + done + " to be the epic");
        assertThat(repo.tip()).isEqualTo(tip);
    }
}

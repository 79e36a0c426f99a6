package dev.baton.queue;

import static dev.baton.queue.QueueRepo.AGENT;
import static dev.baton.queue.QueueRepo.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.BoardLayout;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `baton fsck` replays the board's history through the state machine, so every consequence a transition carried
 * (blocked marks, cancellations down a chain, lifted marks, epics completing) must come out of the replay again. A
 * board that used every work-queue feature stays clean; one whose cascade was edited out of a commit does not.
 */
class QueueFsckTest {

    @TempDir
    Path tmp;

    @Test
    void aBoardThatUsedEveryQueueFeatureReplaysClean() {
        QueueRepo repo = QueueRepo.create(tmp);
        String epic = repo.spawn("Epic");
        String a = repo.spawn("A", "--parent", epic, "--key", "a");
        repo.spawn("A", "--parent", epic, "--key", "a"); // the same again: no commit
        String b = repo.spawn("B", "--after", a, "--parent", epic);
        String c = repo.spawn("C", "--after", a, "--on-blocker-fail", "cancel");
        String d = repo.spawn("D", "--after", c);
        String e = repo.spawn("E", "--after", a, "--on-blocker-fail", "ignore", "--parent", epic);
        Path batch = repo.file("batch.ndjson", "{\"title\": \"F\", \"after\": [\"" + b + "\"], \"key\": \"f\"}\n"
                + "{\"title\": \"G\", \"parent\": \"" + epic + "\"}\n");
        repo.baton("spawn", "--batch", batch.toString(), "--as", LEAD).ok();
        String g = repo.baton("--json", "list").ok().ndjson().stream()
                .filter(n -> n.get("title").asText().equals("G")).findFirst().orElseThrow().get("id").asText();
        repo.baton("dep", "add", g, b, "--as", LEAD).ok();
        repo.baton("edit", a, "--spec", "now with a spec", "--as", LEAD).ok();

        repo.fail(a, "flaky");                       // B marked, C cancelled, D marked behind C, E ignores
        assertThat(repo.state(c)).isEqualTo("CANCELLED");
        assertThat(repo.show(d).get("blocked").asText()).startsWith(c + " is CANCELLED");
        repo.complete(e);
        repo.baton("retry", a, "--as", LEAD).ok();  // B's mark lifted
        repo.baton("dep", "rm", d, c, "--as", LEAD).ok();
        repo.complete(a);
        repo.complete(b);
        repo.complete(g);                           // the last open child: the epic completes with it
        assertThat(repo.state(epic)).isEqualTo("COMPLETED");
        repo.baton("claim", "--next", "--as", AGENT).ok();

        repo.assertFsckClean();
    }

    @Test
    void fsckNoticesACommitWhoseCascadeWasEditedOut() {
        QueueRepo repo = QueueRepo.create(tmp);
        String a = repo.spawn("A");
        String b = repo.spawn("B", "--after", a);
        repo.fail(a, "broken");
        repo.assertFsckClean();

        // rewrite the fail commit: same message, same parent, but B's record as it was before (no blocked mark)
        String fail = repo.tip();
        String parent = repo.git("rev-parse", fail + "^").strip();
        String taskPath = BoardLayout.taskPath(b);
        String oldBlob = repo.git("rev-parse", parent + ":" + taskPath).strip();
        String indexPath = repo.git("ls-tree", "-r", "--name-only", fail, "index").lines()
                .filter(p -> p.endsWith(b)).findFirst().orElseThrow();
        Map<String, String> env = Map.of("GIT_INDEX_FILE", tmp.resolve("tampered-index").toString(),
                "GIT_AUTHOR_NAME", AGENT, "GIT_AUTHOR_EMAIL", AGENT,
                "GIT_COMMITTER_NAME", AGENT, "GIT_COMMITTER_EMAIL", AGENT);
        TempRepo.gitWith(repo.dir(), env, "read-tree", fail);
        for (String path : List.of(taskPath, indexPath)) {
            TempRepo.gitWith(repo.dir(), env, "update-index", "--cacheinfo", "100644," + oldBlob + "," + path);
        }
        String tree = TempRepo.gitWith(repo.dir(), env, "write-tree").strip();
        Path message = repo.file("message.txt", repo.git("log", "-1", "--format=%B", fail));
        String forged = TempRepo.gitWith(repo.dir(), env, "commit-tree", tree, "-p", parent, "-F", message.toString())
                .strip();
        repo.git("update-ref", BoardLayout.REF, forged, fail);
        assertThat(repo.recordAt(forged, b).has("blocked")).isFalse();

        Run r = repo.baton("fsck");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.out()).contains(forged.substring(0, 10) + ": its board differs from the replay of `fail " + a)
                .contains("1 problem(s) in");
    }
}

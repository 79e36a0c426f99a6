package dev.baton.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.store.BoardLayout;
import dev.baton.testing.BoardRepo;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The work-queue tests' repository with a board ({@link BoardRepo}), and the moves their tests share. */
final class QueueRepo extends BoardRepo {

    static final String AGENT = "agent-a";
    static final String REVIEWER = "agent-b";

    private QueueRepo(TempRepo repo) {
        super(repo);
    }

    /** A new repository with one commit on main and a board. */
    static QueueRepo create(Path tempDir) {
        return new QueueRepo(withBoard(TempRepo.create(tempDir)));
    }

    String state(String id) {
        return show(id).get("state").asText();
    }

    /** Takes a QUEUED task to COMPLETED through real work: start, a commit, done, approve, merge. */
    void complete(String id) {
        Path wt = Path.of(baton("start", id, "--as", AGENT).ok().value());
        TempRepo.commitInTask(wt, id + ".txt", "work of " + id + "\n", "Work on " + id);
        in(wt, "done", "--as", AGENT, "--summary", "did " + id).ok();
        approve(id);
        baton("merge", id, "--as", REVIEWER).ok();
        assertThat(state(id)).isEqualTo("COMPLETED");
    }

    /** Takes an IN_REVIEW task to APPROVED. */
    void approve(String id) {
        baton("approve", id, "--as", REVIEWER).ok();
    }

    /** Takes a QUEUED task to FAILED (claimed, never started: no worktree). */
    void fail(String id, String reason) {
        baton("claim", id, "--as", AGENT).ok();
        baton("fail", id, "-m", reason, "--as", AGENT).ok();
        assertThat(state(id)).isEqualTo("FAILED");
    }

    /** How many commits the board has (the init commit included). */
    int commits() {
        return Integer.parseInt(git("rev-list", "--count", BoardLayout.REF).strip());
    }

    /** A task's record as it is in the tree of board commit {@code commit}. */
    JsonNode recordAt(String commit, String id) {
        return Run.parse(git("show", commit + ":" + BoardLayout.taskPath(id)));
    }

    /** {@code baton fsck} replays the whole history and finds it clean. */
    void assertFsckClean() {
        Run r = baton("fsck").ok();
        assertThat(r.value()).isEqualTo("board clean: " + commits() + " commits replayed");
        JsonNode j = baton("--json", "fsck").ok().json();
        assertThat(j.get("clean").asBoolean()).isTrue();
        assertThat(j.get("findings")).isEmpty();
    }

    /** Writes a file next to the repository (not in it). */
    Path file(String name, String content) {
        Path f = dir().resolveSibling(name);
        try {
            Files.writeString(f, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** Waits until the millisecond clock the CLI stamps tasks with has moved on, so the next spawn is younger. */
    static void nextMillisecond() {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() <= now + 1) {
            Thread.onSpinWait();
        }
    }
}

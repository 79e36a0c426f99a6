package dev.baton.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.store.BoardLayout;
import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real git repository with a board, for the work-queue tests ({@link TempRepo}, {@code baton init} as "lead"; the
 * worktrees baton makes, {@code <tempDir>/repo.baton}, are inside the temporary directory), and baton run in-process
 * against it with its output captured ({@link Cli}).
 */
final class QueueRepo {

    static final String LEAD = "lead";
    static final String AGENT = "agent-a";
    static final String REVIEWER = "agent-b";

    private final TempRepo repo;
    private final Path dir;

    private QueueRepo(TempRepo repo) {
        this.repo = repo;
        this.dir = repo.dir();
    }

    /** A new repository with one commit on main and a board. */
    static QueueRepo create(Path tempDir) {
        QueueRepo repo = new QueueRepo(TempRepo.create(tempDir));
        repo.baton("init", "--as", LEAD).ok();
        return repo;
    }

    Path dir() {
        return dir;
    }

    /** Runs baton in this repository ({@code -C <repo>} first). */
    Run baton(String... args) {
        return Cli.in(dir, args);
    }

    /** Runs baton as if started in {@code where}. */
    static Run in(Path where, String... args) {
        return Cli.in(where, args);
    }

    /** Spawns a task as the lead; returns its id. */
    String spawn(String title, String... more) {
        List<String> args = new ArrayList<>(List.of("spawn", title, "--as", LEAD));
        args.addAll(List.of(more));
        Run r = baton(args.toArray(String[]::new)).ok();
        assertThat(r.value()).matches("T-[0-9a-z]{8}");
        return r.value();
    }

    JsonNode show(String id) {
        return baton("--json", "show", id).ok().json();
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

    /** The board's tip commit. */
    String tip() {
        return git("rev-parse", "--verify", BoardLayout.REF).strip();
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
        Path f = dir.resolveSibling(name);
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

    String git(String... args) {
        return repo.git(args);
    }
}

package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format 3 keeps a task's spec in a blob of its own beside its record, so the transitions of a task with a large spec
 * reuse one blob instead of writing the spec again in every record; a format-2 board keeps being written in format 2.
 */
class SpecBlobTest {

    private static final String LEAD = "lead";
    private static final String AGENT = "agent-a";
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    TempRepo repo;

    @BeforeEach
    void setUp() {
        repo = TempRepo.create(tmp);
    }

    @Test
    void aLargeSpecIsWrittenOnceAndEveryLaterTransitionReusesItsBlob() throws IOException {
        baton(LEAD, "init").ok();
        String spec = randomText(MIB, new Random(7));
        Path specFile = tmp.resolve("spec.md");
        Files.writeString(specFile, spec, StandardCharsets.UTF_8);
        String id = baton(LEAD, "spawn", "Big spec", "--spec-file", specFile.toString()).ok().value();
        String spawned = repo.rev(BoardLayout.REF);

        Map<Path, Long> before = looseObjects();
        baton(AGENT, "claim", id).ok();
        Path worktree = Path.of(baton(AGENT, "start", id).ok().value());
        Cli.as(worktree, AGENT, "done", "--summary", "read it all").ok();
        long written = added(before);

        // the three transitions wrote their records, trees and commits, not the spec: a few kilobytes, where format 2
        // wrote the (compressed) megabyte again in each of them
        assertThat(written).as("bytes of the objects claim, start and done wrote").isPositive().isLessThan(64 * 1024);

        // one spec blob, the same in the spawn and the three transitions after it, and no spec in any record
        List<String> commits = repo.git("rev-list", spawned + "~1.." + BoardLayout.REF).lines().toList();
        assertThat(commits).hasSize(4);
        String blob = repo.rev(spawned + ":" + BoardLayout.specPath(id));
        for (String commit : commits) {
            assertThat(repo.rev(commit + ":" + BoardLayout.specPath(id))).as("the spec blob in %s", commit)
                    .isEqualTo(blob);
            assertThat(repo.git("cat-file", "blob", commit + ":" + BoardLayout.taskPath(id)))
                    .as("the record in %s", commit).doesNotContain("\"spec\"");
            assertThat(Boards.gitTrailers(repo, commit)).containsEntry("Baton-Format", "3");
        }
        assertThat(repo.git("cat-file", "blob", blob)).isEqualTo(spec);

        // readers put the spec back together with the record
        assertThat(baton(AGENT, "--json", "show", id).ok().json().get("spec").asText()).isEqualTo(spec);
        assertThat(Files.readString(worktree.resolve("TASK.md"), StandardCharsets.UTF_8)).contains(spec.strip());
        assertThat(baton(AGENT, "fsck").ok().value()).isEqualTo("board clean: 5 commits replayed");
    }

    @Test
    void anEditWritesANewSpecBlobAndRemovingTheSpecDeletesIt() {
        baton(LEAD, "init").ok();
        String id = baton(LEAD, "spawn", "Edited", "--spec", "first spec").ok().value();
        String path = BoardLayout.specPath(id);
        String first = repo.rev(BoardLayout.REF + ":" + path);
        baton(LEAD, "edit", id, "--spec", "second spec").ok();
        String second = repo.rev(BoardLayout.REF + ":" + path);
        assertThat(second).isNotEqualTo(first);
        assertThat(repo.git("cat-file", "blob", second)).isEqualTo("second spec");

        baton(LEAD, "edit", id, "--title", "Edited again").ok();
        assertThat(repo.rev(BoardLayout.REF + ":" + path)).as("an edit that keeps the spec keeps its blob")
                .isEqualTo(second);

        baton(LEAD, "edit", id, "--spec", "").ok();
        assertThat(repo.tryGit("rev-parse", "--verify", "-q", BoardLayout.REF + ":" + path).exitedZero())
                .as("no spec, no spec file").isFalse();
        assertThat(baton(LEAD, "--json", "show", id).ok().json().has("spec")).isFalse();
        assertThat(baton(LEAD, "fsck").ok().value()).isEqualTo("board clean: 5 commits replayed");
    }

    @Test
    void aFormat2BoardIsWrittenInFormat2AndStaysClean() {
        String root = format2Board();
        String id = baton(LEAD, "spawn", "Old board", "--spec", "kept in the record").ok().value();
        baton(AGENT, "claim", id).ok();
        Path worktree = Path.of(baton(AGENT, "start", id).ok().value());
        Cli.as(worktree, AGENT, "done", "--summary", "done on format 2").ok();

        List<String> commits = repo.git("rev-list", root + ".." + BoardLayout.REF).lines().toList();
        assertThat(commits).hasSize(4);
        for (String commit : commits) {
            assertThat(Boards.gitTrailers(repo, commit)).as("the trailers of %s", commit)
                    .containsEntry("Baton-Format", "2");
            assertThat(repo.git("cat-file", "blob", commit + ":format")).isEqualTo("baton-board 2\n");
            assertThat(repo.git("cat-file", "blob", commit + ":" + BoardLayout.taskPath(id)))
                    .as("format 2 keeps the spec in the record").contains("\"spec\" : \"kept in the record\"");
            assertThat(repo.tryGit("rev-parse", "--verify", "-q", commit + ":" + BoardLayout.specPath(id)).exitedZero())
                    .as("no spec file on a format-2 board").isFalse();
        }
        assertThat(baton(AGENT, "--json", "show", id).ok().json().get("spec").asText()).isEqualTo("kept in the record");
        assertThat(baton(AGENT, "fsck").ok().value()).isEqualTo("board clean: 5 commits replayed");

        // a checkpoint keeps the board's format too, and the board goes on in it
        String tip = repo.rev(BoardLayout.REF);
        baton(LEAD, "checkpoint").succeeds();
        String checkpoint = repo.rev(BoardLayout.REF);
        assertThat(checkpoint).isNotEqualTo(tip);
        assertThat(Boards.gitTrailers(repo, checkpoint)).containsEntry("Baton-Command", "checkpoint")
                .containsEntry("Baton-Format", "2");
        String next = baton(LEAD, "spawn", "After the checkpoint", "--spec", "still in the record").ok().value();
        assertThat(Boards.gitTrailers(repo, BoardLayout.REF)).containsEntry("Baton-Format", "2");
        assertThat(repo.git("cat-file", "blob", BoardLayout.REF + ":" + BoardLayout.taskPath(next)))
                .contains("\"spec\" : \"still in the record\"");
        assertThat(baton(AGENT, "fsck").ok().value()).startsWith("board clean: 2 commits replayed from checkpoint "
                + checkpoint.substring(0, 10));
    }

    @Test
    void fsckReportsACommitWhoseFormatIsNotItsBoards() {
        baton(LEAD, "init").ok();
        String id = baton(LEAD, "spawn", "Claimed", "--spec", "a spec").ok().value();
        baton(AGENT, "claim", id).ok();
        String claim = repo.rev(BoardLayout.REF);
        String message = repo.git("log", "-1", "--format=%B", claim);
        assertThat(message).contains("\nBaton-Format: 3\n");

        // the same tree and parent, the message saying format 2
        Path file = tmp.resolve("message.txt");
        TempRepo.writeFile(file, message.replace("\nBaton-Format: 3\n", "\nBaton-Format: 2\n"));
        Map<String, String> env = Map.of("GIT_AUTHOR_NAME", AGENT, "GIT_AUTHOR_EMAIL", AGENT + "@baton",
                "GIT_COMMITTER_NAME", AGENT, "GIT_COMMITTER_EMAIL", AGENT + "@baton");
        String forged = TempRepo.gitWith(repo.dir(), env, "commit-tree", claim + "^{tree}", "-p", claim + "^",
                "-F", file.toString()).strip();
        repo.git("update-ref", BoardLayout.REF, forged, claim);

        Run fsck = baton(LEAD, "fsck");
        assertThat(fsck.exit()).as("%s", fsck).isEqualTo(1);
        assertThat(fsck.out()).contains(forged.substring(0, 10) + ": says Baton-Format: 2 on a board of format 3")
                .contains("1 problem(s) in 3 commits");
    }

    /** A board made as a format-2 baton makes it: an init commit of format 2 whose tree holds only its marker. */
    private String format2Board() {
        Path marker = tmp.resolve("format");
        TempRepo.writeFile(marker, "baton-board 2\n");
        String blob = repo.git("hash-object", "-w", marker.toString()).strip();
        Map<String, String> index = Map.of("GIT_INDEX_FILE", tmp.resolve("board.index").toString());
        TempRepo.gitWith(repo.dir(), index, "update-index", "--add", "--cacheinfo", "100644," + blob + ",format");
        String tree = TempRepo.gitWith(repo.dir(), index, "write-tree").strip();
        Path message = tmp.resolve("init.txt");
        TempRepo.writeFile(message, "init board (" + LEAD + ")\n\nBaton-Format: 2\nBaton-Command: init\nBaton-Actor: "
                + LEAD + "\nBaton-Time: 2026-11-22T21:53:05.639Z\n");
        String root = repo.git("commit-tree", tree, "-F", message.toString()).strip();
        repo.git("update-ref", BoardLayout.REF, root);
        assertThat(baton(LEAD, "fsck").ok().value()).isEqualTo("board clean: 1 commits replayed");
        return root;
    }

    private Run baton(String actor, String... args) {
        return Cli.as(repo.dir(), actor, args);
    }

    /** {@code bytes} characters of text that does not compress: base64 of random bytes, in lines of 76. */
    private static String randomText(int bytes, Random random) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(raw)
                .substring(0, bytes);
    }

    /** Every loose object file of the repository, with its size. */
    private Map<Path, Long> looseObjects() {
        Map<Path, Long> out = new HashMap<>();
        Path objects = repo.dir().resolve(".git").resolve("objects");
        try (Stream<Path> files = Files.walk(objects)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> f.getParent().getFileName().toString().matches("[0-9a-f]{2}"))
                    .forEach(f -> out.put(f, size(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The bytes of the loose objects written since {@code before}. */
    private long added(Map<Path, Long> before) {
        return looseObjects().entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.baton.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.store.BoardLayout;
import dev.baton.testing.BoardRepo;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton checkpoint} on real repositories: the history moves to the archive repository, the board goes on from
 * a root with the old tip's tree, and everything that reads the history (fsck, log) accepts that root and checks it.
 */
class CheckpointTest {

    static final String LEAD = "lead";
    static final String AGENT = "agent-a";

    @TempDir
    Path tmp;

    BoardRepo board;
    TempRepo repo;

    private void board() {
        board = BoardRepo.at(tmp);
        repo = board.repo();
    }

    private Run baton(String... args) {
        return board.baton(args);
    }

    /** A history of a few dozen transitions: spawns, claims and requeues. */
    private List<String> history(int tasks) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            String id = board.spawn("task " + i);
            baton("claim", id, "--as", AGENT).ok();
            baton("requeue", id, "--as", AGENT).ok();
            ids.add(id);
        }
        return ids;
    }

    private Path archive() {
        return repo.dir().resolve(".git/baton/archive.git");
    }

    private String tip() {
        return repo.rev(BoardLayout.REF);
    }

    private static String gitIn(Path dir, String... args) {
        return TempRepo.gitIn(dir, args).strip();
    }

    @Test
    void theHistoryMovesToTheArchiveAndTheBoardGoesOnFromARootWithTheSameTree() {
        board();
        List<String> ids = history(5);
        String oldTip = tip();
        String oldRoot = gitIn(repo.dir(), "rev-list", "--max-parents=0", oldTip);
        int commits = Integer.parseInt(gitIn(repo.dir(), "rev-list", "--count", oldTip));

        Run r = baton("--json", "checkpoint", "--as", LEAD).succeeds();

        JsonNode out = r.json();
        String root = tip();
        assertThat(out.get("oldTip").asText()).isEqualTo(oldTip);
        assertThat(out.get("root").asText()).isEqualTo(root);
        assertThat(out.get("transitions").asLong()).isEqualTo(commits - 1);
        assertThat(out.get("archiveRef").asText()).isEqualTo("refs/baton/archive/" + oldTip);
        assertThat(Path.of(out.get("archive").asText())).isEqualTo(archive());
        assertThat(r.err()).contains("archiving " + (commits - 1) + " transitions").contains("repacking");
        // the new root: no parent, the old tip's tree, the checkpoint's trailers
        assertThat(gitIn(repo.dir(), "rev-list", "--count", root)).isEqualTo("1");
        assertThat(repo.rev(root + "^{tree}")).isEqualTo(gitIn(archive(), "rev-parse", oldTip + "^{tree}"));
        String message = gitIn(repo.dir(), "log", "-1", "--format=%B", root);
        assertThat(message).startsWith("checkpoint of " + (commits - 1) + " transitions (" + LEAD + ")")
                .contains("Baton-Format: " + BoardLayout.FORMAT_VERSION + "\nBaton-Command: checkpoint\nBaton-Actor: " + LEAD
                        + "\nBaton-Time: ")
                .contains("Baton-Checkpoint: " + oldTip + "\nBaton-Archive: refs/baton/archive/" + oldTip);
        // the archive holds the old tip and its whole chain; this repository no longer does
        assertThat(gitIn(archive(), "rev-parse", "refs/baton/archive/" + oldTip)).isEqualTo(oldTip);
        assertThat(gitIn(archive(), "rev-list", "--count", oldTip)).isEqualTo(Integer.toString(commits));
        assertThat(gitIn(archive(), "for-each-ref", "--format=%(refname)")).isEqualTo("refs/baton/archive/" + oldTip);
        assertThat(gitIn(archive(), "rev-list", "--max-parents=0", oldTip)).isEqualTo(oldRoot);

        // the board goes on
        String next = ids.get(0);
        baton("claim", next, "--as", AGENT).ok();
        board.spawn("after the checkpoint");
        assertThat(baton("--json", "show", next).ok().json().get("state").asText()).isEqualTo("ASSIGNED");
        assertThat(baton("ready").ok().lines()).hasSize(5);

        Run fsck = baton("fsck").ok();
        assertThat(fsck.value()).isEqualTo("board clean: 3 commits replayed from checkpoint " + root.substring(0, 10)
                + "; the " + (commits - 1) + " transitions before it are in the archive (refs/baton/archive/" + oldTip
                + ", checked: same tree)");
        assertThat(baton("fsck", "--archive").ok().lines()).first().asString()
                .isEqualTo("archive refs/baton/archive/" + oldTip + ": board clean: " + commits + " commits replayed");
        gitIn(repo.dir(), "fsck", "--strict", "--no-dangling");
        gitIn(archive(), "fsck", "--strict", "--no-dangling");

        // log ends at the checkpoint, and says where the rest is
        List<String> log = baton("log").ok().lines();
        assertThat(log).hasSize(3);
        assertThat(log.get(2)).startsWith(root.substring(0, 10)).contains("checkpoint of " + (commits - 1)
                + " transitions (lead)").endsWith("[earlier history: refs/baton/archive/" + oldTip + " in the archive]");
        JsonNode last = baton("--json", "log").ok().ndjson().get(2);
        assertThat(last.get("command").asText()).isEqualTo("checkpoint");
        assertThat(last.get("archivedTip").asText()).isEqualTo(oldTip);
        assertThat(baton("stats").exit()).isZero();
    }

    @Test
    void afterTheRepackTheRepositoryHoldsAboutTheLiveBoardNotItsHistory() {
        board();
        history(30);
        repo.git("gc", "-q"); // packed, as a long history is: what a checkpoint must take out of the packs
        long before = objects(repo.dir());
        baton("checkpoint", "--as", LEAD).succeeds();
        long after = objects(repo.dir());
        long reachable = gitIn(repo.dir(), "rev-list", "--objects", "--all").lines().count();

        assertThat(after).as("objects after the checkpoint (%d before, %d reachable)", before, reachable)
                .isLessThanOrEqualTo(reachable).isLessThan(before / 3);
        assertThat(objects(archive())).isGreaterThanOrEqualTo(before - 10);
    }

    /** Objects in packs and loose, by git count-objects. */
    private static long objects(Path dir) {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (String line : gitIn(dir, "count-objects", "-v").lines().toList()) {
            String[] kv = line.split(": ");
            counts.put(kv[0], Long.parseLong(kv[1]));
        }
        return counts.get("count") + counts.get("in-pack");
    }

    @Test
    void aSecondCheckpointAddsToTheArchiveAndEveryHistoryReplaysClean() {
        board();
        history(3);
        String first = tip();
        baton("checkpoint", "--as", LEAD).succeeds();
        String checkpoint = tip();
        history(2);
        String second = tip();

        baton("checkpoint", "--as", LEAD).succeeds();

        assertThat(gitIn(archive(), "for-each-ref", "--sort=committerdate", "--format=%(refname)").lines())
                .containsExactlyInAnyOrder("refs/baton/archive/" + first, "refs/baton/archive/" + second);
        assertThat(gitIn(archive(), "rev-list", "--max-parents=0", second)).isEqualTo(checkpoint);
        List<String> lines = baton("fsck", "--archive").ok().lines();
        assertThat(lines).hasSize(3).anySatisfy(line -> assertThat(line).startsWith("archive refs/baton/archive/" + second + ": board clean: 7 commits"
                + " replayed from checkpoint " + checkpoint.substring(0, 10)).endsWith("checked: same tree)"));
        // nothing to do on a board that is only its root
        assertThat(baton("checkpoint", "--as", LEAD).ok().value()).startsWith("nothing to checkpoint");
        gitIn(archive(), "fsck", "--strict", "--no-dangling");
    }

    @Test
    void withRolesOnlyAnAdminMayCheckpoint() {
        board();
        baton("roles", "set", LEAD, "admin", "--as", LEAD).ok();
        baton("roles", "set", AGENT, "worker", "--as", LEAD).ok();
        String tip = tip();

        Run refused = baton("checkpoint", "--as", AGENT);

        assertThat(refused.exit()).as("%s", refused).isEqualTo(1);
        assertThat(refused.error()).isEqualTo(AGENT + " may not checkpoint the board: that needs the admin role"
                + " (roles held: worker); an admin can grant it with `baton roles set`");
        assertThat(tip()).isEqualTo(tip);
        assertThat(Files.exists(archive())).isFalse();
        baton("checkpoint", "--as", LEAD).succeeds();
        baton("fsck").ok();
    }

    @Test
    void inRemoteModeItIsRefused() {
        board();
        baton("claim", board.spawn("x"), "--as", AGENT).ok();
        TempRepo.gitIn(tmp, "init", "-q", "--bare", "shared.git");
        repo.git("remote", "add", "origin", tmp.resolve("shared.git").toString());
        repo.git("config", "baton.remote", "origin");
        String tip = tip();

        Run r = baton("checkpoint", "--as", LEAD);

        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.error()).startsWith("baton checkpoint works on a local board only")
                .contains("run it in the repository that holds the shared board");
        assertThat(tip()).isEqualTo(tip);
    }

    @Test
    void fsckFindsAForgedCheckpoint() {
        board();
        String id = history(2).get(0);
        baton("checkpoint", "--as", LEAD).succeeds();
        String checkpoint = tip();
        String message = gitIn(repo.dir(), "log", "-1", "--format=%B", checkpoint);
        baton("claim", id, "--as", AGENT).ok();
        String claimed = tip();
        Map<String, String> lead = Map.of("GIT_AUTHOR_NAME", LEAD, "GIT_AUTHOR_EMAIL", LEAD + "@baton",
                "GIT_COMMITTER_NAME", LEAD, "GIT_COMMITTER_EMAIL", LEAD + "@baton");
        Path msg = tmp.resolve("message.txt");
        TempRepo.writeFile(msg, message);

        // a well-formed board, but not the one that was archived: the claim is in it
        String otherTree = TempRepo.gitWith(repo.dir(), lead, "commit-tree", claimed + "^{tree}", "-F", msg.toString())
                .strip();
        repo.git("update-ref", BoardLayout.REF, otherTree);
        assertThat(fsckFindings()).contains(otherTree.substring(0, 10) + ": the checkpoint's tree differs from the tree of"
                + " the tip it replaced").contains("1 problem(s) in 1 commits");

        // an edited snapshot: a record changed by hand
        String path = BoardLayout.taskPath(id);
        Map<String, String> index = Map.of("GIT_INDEX_FILE", tmp.resolve("forge.index").toString());
        TempRepo.gitWith(repo.dir(), index, "read-tree", checkpoint);
        String blob = TempRepo.gitWith(repo.dir(), Map.of(), "hash-object", "-w", "--stdin").strip(); // empty blob
        TempRepo.gitWith(repo.dir(), index, "update-index", "--cacheinfo", "100644," + blob + "," + path);
        String edited = TempRepo.gitWith(repo.dir(), index, "write-tree").strip();
        String forged = TempRepo.gitWith(repo.dir(), lead, "commit-tree", edited, "-F", msg.toString()).strip();
        repo.git("update-ref", BoardLayout.REF, forged);
        assertThat(fsckFindings()).contains(forged.substring(0, 10) + ": the checkpoint's board is not"
                + " readable");

        // a checkpoint with a parent: only a root may be one
        String middle = TempRepo.gitWith(repo.dir(), lead, "commit-tree", checkpoint + "^{tree}", "-p", checkpoint,
                "-F", msg.toString()).strip();
        repo.git("update-ref", BoardLayout.REF, middle);
        assertThat(fsckFindings()).contains(middle.substring(0, 10) + ": a checkpoint in the middle of"
                + " the history (it has a parent); only a root may be a checkpoint");

        // the archive ref gone: the history is not where the checkpoint says
        repo.git("update-ref", BoardLayout.REF, claimed);
        baton("fsck").ok();
        gitIn(archive(), "update-ref", "-d", "refs/baton/archive/" + gitIn(repo.dir(), "log", "-1",
                "--format=%(trailers:key=Baton-Checkpoint,valueonly)", checkpoint));
        assertThat(fsckFindings()).contains(checkpoint.substring(0, 10) + ": the archive ("
                + archive() + ") has no refs/baton/archive/");
    }

    private String fsckFindings() {
        Run r = baton("fsck");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        return r.out();
    }

    /** Separate processes, as agents are: three spawn and claim while a fourth checkpoints twice. */
    @Test
    void aCheckpointRacingTransitionsLosesNothing() {
        board();
        history(10);
        int writers = 3;
        int each = 12;
        List<List<String>> args = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            args.add(List.of(repo.dir().toString(), "agent-" + w, "write", Integer.toString(each)));
        }
        args.add(List.of(repo.dir().toString(), LEAD, "checkpoint", "2"));
        List<Run> results = TempRepo.race(tmp.resolve("children"), CheckpointRaceChild.class, args,
                Duration.ofSeconds(120));
        Set<String> spawned = new HashSet<>();
        for (Run r : results) {
            assertThat(r.exit()).as("%s", r).isZero();
            spawned.addAll(r.out().lines().toList());
        }

        Set<String> onBoard = new HashSet<>();
        for (JsonNode t : baton("--json", "list").ok().ndjson()) {
            onBoard.add(t.get("id").asText());
        }
        assertThat(onBoard).containsAll(spawned);
        assertThat(spawned).hasSize(writers * each);
        for (String id : spawned) {
            assertThat(baton("--json", "show", id).ok().json().get("state").asText()).isEqualTo("ASSIGNED");
        }
        assertThat(gitIn(repo.dir(), "log", "-1", "--format=%s", "--max-parents=0", tip())).startsWith("checkpoint of");
        baton("fsck", "--archive").ok();
        gitIn(repo.dir(), "fsck", "--strict", "--no-dangling");
        gitIn(archive(), "fsck", "--strict", "--no-dangling");
    }
}

package dev.baton.store;

import static dev.baton.store.Boards.BOARD;
import static dev.baton.store.Boards.apply;
import static dev.baton.store.Boards.blobs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.Approve;
import dev.baton.core.Cancel;
import dev.baton.core.Claim;
import dev.baton.core.Command;
import dev.baton.core.Done;
import dev.baton.core.Fail;
import dev.baton.core.Handoff;
import dev.baton.core.Merge;
import dev.baton.core.Reject;
import dev.baton.core.Retry;
import dev.baton.core.Spawn;
import dev.baton.core.Start;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.TempRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a board commit's tree looks like, and that a transition rewrites only the trees on the paths it changes. */
class BoardLayoutTest {

    private static final Instant T0 = Instant.parse("2024-11-22T10:00:00.123Z");

    @TempDir
    Path tmp;

    TempRepo repo;

    @BeforeEach
    void setUp() {
        repo = TempRepo.create(tmp);
    }

    @Test
    void taskRecordsLiveAtTheirFanOutPathAsSortedJson() throws Exception {
        String id = "T-4k2pq7xz";
        Task written;
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.fixed(T0, ZoneOffset.UTC));
            store.init("lead");
            apply(store, "lead", new Spawn(id, "Implement login", "spec text", null, 1, List.of("web", "auth"),
                    "main", 900));
            apply(store, "agent-a", new Claim(id, 900));
            apply(store, "agent-a", new Start(id, 1L, null, 900));
            written = apply(store, "agent-a", new Done(id, 1L,
                    new Handoff("works", "Login.java", "logout", "write logout", "none"))).transition().task();
        }
        Map<String, String> blobs = blobs(repo, BOARD);
        String path = "tasks/4/k/2/T-4k2pq7xz.json";
        assertThat(BoardLayout.taskPath(id)).isEqualTo(path);
        assertThat(blobs).containsKey(path);

        byte[] bytes = repo.git("cat-file", "blob", blobs.get(path)).getBytes(StandardCharsets.UTF_8);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").contains("\n  \"");
        JsonNode json = new ObjectMapper().readTree(bytes);
        assertSortedKeys(json, "$");
        assertThat(json.get("id").asText()).isEqualTo(id);
        assertThat(json.get("state").asText()).isEqualTo("IN_REVIEW");
        assertThat(json.get("assignee").asText()).isEqualTo("agent-a");
        assertThat(json.get("epoch").asLong()).isEqualTo(1);
        assertThat(json.get("createdAt").asText()).isEqualTo("2024-11-22T10:00:00.123Z");
        assertThat(json.get("labels")).hasSize(2);
        assertThat(json.get("labels").get(0).asText()).isEqualTo("auth");
        assertThat(json.has("mergedCommit")).as("nulls are left out").isFalse();
        assertThat(json.get("handoff").size()).isEqualTo(5);

        // the spec is not in the record but in a blob of its own beside it, exactly the spec's bytes
        assertThat(json.has("spec")).isFalse();
        String specPath = "tasks/4/k/2/T-4k2pq7xz.spec";
        assertThat(BoardLayout.specPath(id)).isEqualTo(specPath);
        byte[] spec = repo.git("cat-file", "blob", blobs.get(specPath)).getBytes(StandardCharsets.UTF_8);
        assertThat(new String(spec, StandardCharsets.UTF_8)).isEqualTo("spec text");

        // the blobs are exactly what the codec writes, and read back as the task
        assertThat(bytes).isEqualTo(TaskCodec.encode(written, BoardLayout.FORMAT_VERSION));
        assertThat(TaskCodec.decode(bytes, BoardLayout.FORMAT_VERSION, spec)).isEqualTo(written);
    }

    private static void assertSortedKeys(JsonNode node, String where) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as("keys of %s", where).isSorted();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                assertSortedKeys(e.getValue(), where + "." + e.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertSortedKeys(node.get(i), where + "[" + i + "]");
            }
        }
    }

    @Test
    void indexEntriesFollowTheStateAndShareTheRecordsBlob() throws Exception {
        String a = "T-aaaa0001";
        String b = "T-bbbb0002";
        String c = "T-cccc0003";
        assertThat(T0.toEpochMilli()).isEqualTo(1732269600123L);
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.fixed(T0, ZoneOffset.UTC));
            store.init("lead");
            assertThat(blobs(repo, BOARD)).containsOnlyKeys("format");

            step(store, "lead", new Spawn(a, "first", null, null, 0, null, null, 900), a, at("QUEUED", 0, a));
            step(store, "agent-a", new Claim(a, 900), a, at("ASSIGNED", 0, a));
            step(store, "agent-a", new Start(a, 1L, "main", 900), a, at("WORKING", 0, a));
            step(store, "agent-a", new Done(a, 1L, null), a, at("IN_REVIEW", 0, a));
            step(store, "reviewer", new Reject(a, "no", 900), a, at("WORKING", 0, a));
            step(store, "agent-a", new Done(a, 1L, null), a, at("IN_REVIEW", 0, a));
            step(store, "reviewer", new Approve(a), a, at("APPROVED", 0, a));
            step(store, "reviewer", new Merge(a, "0123456789abcdef0123456789abcdef01234567"), a, null);

            step(store, "lead", new Spawn(b, "second", null, null, 4, null, null, 900), b, at("QUEUED", 4, b));
            step(store, "lead", new Cancel(b, "no longer needed"), b, null);

            step(store, "lead", new Spawn(c, "third", null, "agent-c", 2, null, null, 900), c,
                    at("ASSIGNED", 2, c));
            step(store, "agent-c", new Fail(c, 1L, "blocked", null), c, at("FAILED", 2, c));
            step(store, "lead", new Retry(c), c, at("QUEUED", 2, c));
        }
        // closed tasks keep their records; index folders left empty are gone
        Map<String, String> blobs = blobs(repo, BOARD);
        assertThat(blobs.keySet()).containsExactlyInAnyOrder("format", BoardLayout.taskPath(a),
                BoardLayout.taskPath(b), BoardLayout.taskPath(c), "index/" + at("QUEUED", 2, c));
        assertThat(repo.git("ls-tree", "--name-only", BOARD + ":index").strip()).isEqualTo("QUEUED");
        try (Repository r = repo.openRepository(); Snapshot board = new BoardStore(r, Clock.systemUTC()).read()) {
            assertThat(board.task(a).orElseThrow().state()).isEqualTo(TaskState.COMPLETED);
            assertThat(board.task(b).orElseThrow().state()).isEqualTo(TaskState.CANCELLED);
            assertThat(board.inState(TaskState.QUEUED)).extracting(Task::id).containsExactly(c);
        }
    }

    /** The index entry (below {@code index/}) of a task created at T0, spelled out by hand. */
    private static String at(String state, int priority, String id) {
        return state + "/" + priority + "/017322/69/60/01/23/" + id.charAt(2) + "/" + id.charAt(3) + "/" + id;
    }

    /** Applies {@code command}, then checks that {@code id} has exactly the index entry {@code entry} (or none). */
    private void step(BoardStore store, String actor, Command command, String id, String entry) {
        Task task = apply(store, actor, command).transition().task();
        Map<String, String> blobs = blobs(repo, BOARD);
        String record = blobs.get(BoardLayout.taskPath(id));
        assertThat(record).as("record of %s", id).isNotNull();
        List<String> entries = blobs.keySet().stream()
                .filter(p -> p.startsWith("index/") && p.endsWith("/" + id)).toList();
        if (entry == null) {
            assertThat(task.state().isOpen()).isFalse();
            assertThat(entries).as("index entries of %s after %s", id, command.name()).isEmpty();
        } else {
            assertThat(entries).as("index entries of %s after %s", id, command.name())
                    .containsExactly("index/" + entry);
            assertThat(blobs.get("index/" + entry)).as("index entry blob = record blob").isEqualTo(record);
            assertThat(BoardLayout.indexPath(task)).isEqualTo("index/" + entry);
        }
        // every index entry of every task points at that task's current record
        for (Map.Entry<String, String> e : blobs.entrySet()) {
            if (e.getKey().startsWith("index/")) {
                String owner = e.getKey().substring(e.getKey().length() - 10);
                assertThat(e.getValue()).isEqualTo(blobs.get(BoardLayout.taskPath(owner)));
            }
        }
    }

    @Test
    void aTransitionRewritesOnlyTheTreesOnItsPaths() throws Exception {
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.systemUTC());
            store.init("lead");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ids.add(Boards.spawn(store, "lead", "task " + i).id());
            }
            int at50 = claimAndMeasure(store, ids.get(7));
            // 450 more in one commit (writing them one by one says nothing more and takes long on a busy machine)
            ids.addAll(Boards.seed(store, "lead", 450, new Random(42)));
            try (Snapshot board = store.read()) {
                assertThat(board.inState(TaskState.QUEUED)).hasSize(499);
            }
            int at500 = claimAndMeasure(store, ids.get(321));
            int again = claimAndMeasure(store, ids.get(499));

            // the record, the commit, and the trees on the two changed paths: a bound that does not move with the board
            assertThat(at50).isBetween(MIN_OBJECTS, MAX_OBJECTS);
            assertThat(at500).isBetween(MIN_OBJECTS, MAX_OBJECTS);
            assertThat(again).isBetween(MIN_OBJECTS, MAX_OBJECTS);
        }
    }

    /**
     * root, tasks, tasks/x, tasks/x/y, tasks/x/y/z, the record, index, index/ASSIGNED and the eight directories below
     * it down to the entry (which is the record's blob), the commit; on top, at most index/QUEUED and the eight
     * directories below it that still hold other tasks.
     */
    private static final int MIN_OBJECTS = 17;
    private static final int MAX_OBJECTS = MIN_OBJECTS + 9;

    /** Claims {@code id}, checks what changed between the two board commits; returns how many objects it added. */
    private int claimAndMeasure(BoardStore store, String id) throws Exception {
        String before = repo.rev(BOARD);
        long looseBefore = Boards.looseObjects(repo);
        Task claimed = Boards.apply(store, "agent-a", new dev.baton.core.Claim(id, 900)).task();
        String after = repo.rev(BOARD);
        long looseAfter = Boards.looseObjects(repo);

        // git's own diff of the two trees: the record changed, the index entry moved, nothing else
        Set<String> diff = repo.git("diff-tree", "-r", "--no-renames", "--no-commit-id", "--name-status", before, after)
                .lines().map(l -> l.replace('\t', ' ')).collect(Collectors.toSet());
        long m = claimed.createdAt().toEpochMilli();
        String entry = String.format("/%d/%06d/%02d/%02d/%02d/%02d/%s/%s/%s", claimed.priority(), m / 100_000_000L,
                m / 1_000_000L % 100, m / 10_000L % 100, m / 100 % 100, m % 100, id.charAt(2), id.charAt(3), id);
        String queued = "index/QUEUED" + entry;
        String assigned = "index/ASSIGNED" + entry;
        assertThat(diff).containsExactlyInAnyOrder("M " + BoardLayout.taskPath(id), "D " + queued, "A " + assigned);

        // the objects reachable from the new commit that the old one did not have: only the trees on the changed
        // paths (those that still exist) and the new record
        Map<ObjectId, Set<String>> oldObjects = objects(before);
        Map<ObjectId, Set<String>> newObjects = objects(after);
        Set<String> newPaths = new HashSet<>();
        newObjects.forEach((oid, paths) -> {
            if (!oldObjects.containsKey(oid)) {
                newPaths.addAll(paths);
            }
        });
        Set<String> allNewPaths = newObjects.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        String bucket = BoardLayout.bucket(id);
        Set<String> expected = new HashSet<>(List.of("", "tasks", bucket.substring(0, 7), bucket.substring(0, 9),
                bucket, BoardLayout.taskPath(id), "index"));
        expected.addAll(ancestors(assigned));
        ancestors(queued).stream().filter(allNewPaths::contains).forEach(expected::add);
        assertThat(newPaths).containsExactlyInAnyOrderElementsOf(expected);
        long added = newObjects.keySet().stream().filter(o -> !oldObjects.containsKey(o)).count() + 1; // + commit

        // and what was actually written to the object store is that and nothing more: at most those objects (fewer
        // when a small index directory happens to equal one an earlier commit wrote: git stores it once), and at
        // least the record and the commit
        assertThat(looseAfter - looseBefore).isBetween(2L, added);
        return (int) added;
    }

    /** {@code path} and each of its parents below {@code index/}: index/QUEUED, index/QUEUED/2, ..., path. */
    private static List<String> ancestors(String path) {
        List<String> out = new ArrayList<>();
        for (int i = path.indexOf('/', "index/".length()); i > 0; i = path.indexOf('/', i + 1)) {
            out.add(path.substring(0, i));
        }
        out.add(path);
        return out;
    }

    /** Every object in the tree of {@code commit} (trees included, "" for the root), with the paths it appears at. */
    private Map<ObjectId, Set<String>> objects(String commit) throws Exception {
        Map<ObjectId, Set<String>> out = new HashMap<>();
        try (Repository r = repo.openRepository(); RevWalk rw = new RevWalk(r); TreeWalk walk = new TreeWalk(r)) {
            ObjectId root = rw.parseCommit(ObjectId.fromString(commit)).getTree();
            out.computeIfAbsent(root.copy(), k -> new HashSet<>()).add("");
            walk.addTree(root);
            walk.setRecursive(false);
            while (walk.next()) {
                out.computeIfAbsent(walk.getObjectId(0), k -> new HashSet<>()).add(walk.getPathString());
                if (walk.getFileMode(0) == FileMode.TREE) {
                    walk.enterSubtree();
                }
            }
        }
        return out;
    }
}

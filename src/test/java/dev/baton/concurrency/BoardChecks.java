package dev.baton.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Repositories;
import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.TaskState;
import dev.baton.store.BoardLayout;
import dev.baton.store.TaskCodec;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Checks of a board's tip made from its raw tree, independent of the code that wrote it. */
final class BoardChecks {

    private BoardChecks() {
    }

    /**
     * Every task record parses and sits at its own path; every open task has exactly one index entry, in its state's
     * folder, at its queue-order name, pointing at the same blob as its record; closed tasks and nothing else have
     * none. Returns the tasks.
     */
    static Map<String, Task> assertConsistent(TempRepo repo) throws IOException {
        Map<String, Task> tasks = new HashMap<>();
        Map<String, ObjectId> recordBlobs = new HashMap<>();
        Map<String, List<String>> indexEntries = new HashMap<>();
        Map<String, ObjectId> indexBlobs = new HashMap<>();
        List<String> specs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Repository r = Repositories.open(repo.file()); RevWalk walk = new RevWalk(r);
             TreeWalk tw = new TreeWalk(r)) {
            Ref board = r.exactRef(BoardLayout.REF);
            assertThat(board).as("the board ref").isNotNull();
            tw.addTree(walk.parseCommit(board.getObjectId()).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String path = tw.getPathString();
                ObjectId blob = tw.getObjectId(0);
                if (path.startsWith(BoardLayout.TASKS + "/") && path.endsWith(BoardLayout.SPEC_SUFFIX)) {
                    specs.add(path);
                } else if (path.startsWith(BoardLayout.TASKS + "/")) {
                    Task t;
                    try {
                        t = TaskCodec.decode(r.open(blob, Constants.OBJ_BLOB).getCachedBytes(1 << 20));
                    } catch (IOException | RuntimeException e) {
                        problems.add(path + " does not parse: " + e);
                        continue;
                    }
                    if (!path.equals(BoardLayout.taskPath(t.id()))) {
                        problems.add(path + " holds " + t.id());
                    }
                    if (tasks.put(t.id(), t) != null) {
                        problems.add(t.id() + " has two records");
                    }
                    recordBlobs.put(t.id(), blob);
                } else if (path.startsWith(BoardLayout.INDEX + "/")) {
                    String id = path.substring(path.length() - (TaskIds.PREFIX.length() + TaskIds.LENGTH));
                    indexEntries.computeIfAbsent(id, k -> new ArrayList<>()).add(path);
                    indexBlobs.put(path, blob);
                }
            }
        }
        for (String spec : specs) {
            String id = spec.substring(spec.lastIndexOf('/') + 1, spec.length() - BoardLayout.SPEC_SUFFIX.length());
            if (!tasks.containsKey(id) || !spec.equals(BoardLayout.specPath(id))) {
                problems.add(spec + " is the spec of no task on the board");
            }
        }
        for (Task t : tasks.values()) {
            List<String> entries = indexEntries.getOrDefault(t.id(), List.of());
            if (t.state().isOpen()) {
                if (!entries.equals(List.of(BoardLayout.indexPath(t)))) {
                    problems.add(t.id() + " is " + t.state() + " but its index entries are " + entries);
                } else if (!indexBlobs.get(entries.get(0)).equals(recordBlobs.get(t.id()))) {
                    problems.add(t.id() + "'s index entry points at another blob than its record");
                }
            } else if (!entries.isEmpty()) {
                problems.add(t.id() + " is " + t.state() + " but still indexed at " + entries);
            }
        }
        indexEntries.keySet().stream().filter(id -> !tasks.containsKey(id))
                .forEach(id -> problems.add("index entries without a task: " + indexEntries.get(id)));
        assertThat(problems).as("board consistency").isEmpty();
        return tasks;
    }

    /** {@code git fsck --strict} finds nothing wrong (dangling objects are not wrong). */
    static void assertGitFsckClean(TempRepo repo) {
        Run r = repo.tryGit("fsck", "--strict", "--no-progress");
        assertThat(r.exit()).as("git fsck --strict:\n%s%s", r.out(), r.err()).isZero();
        String all = (r.out() + r.err()).toLowerCase(java.util.Locale.ROOT);
        assertThat(all).as("git fsck --strict output").doesNotContain("error", "missing", "broken", "corrupt",
                "bad ", "invalid");
    }

    /** How many tasks are in each state. */
    static Map<TaskState, Long> census(Map<String, Task> tasks) {
        Map<TaskState, Long> out = new java.util.EnumMap<>(TaskState.class);
        tasks.values().forEach(t -> out.merge(t.state(), 1L, Long::sum));
        return out;
    }
}

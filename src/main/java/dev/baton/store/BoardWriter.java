package dev.baton.store;

import dev.baton.core.BoardView;
import dev.baton.core.Task;
import dev.baton.core.Transition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Turns a transition into the tree of the next board: the changed task records, their index entries, the keys of new
 * tasks and the roles file when it changed, nothing else. A board keeps its format: on a format-3 board the spec of a
 * task is a blob of its own, written only when the task is new or its spec changed, so a transition that leaves the
 * spec alone reuses the blob and its tree entry.
 * The same code computes the expected tree when a history is replayed, so a replay can only agree with a write.
 */
public final class BoardWriter {

    /** The bytes of one blob; paths that hold the same record share one instance. Public for bench/'s history builder. */
    public record Blob(byte[] bytes) {
    }

    /** One change to a board tree: put {@code blob} at {@code path}, or delete the path when it is null. */
    public record Edit(String path, Blob blob) {
    }

    private BoardWriter() {
    }

    /** The tree of a new, empty board of the newest format. */
    public static ObjectId emptyBoard(ObjectReader reader, ObjectInserter inserter) throws IOException {
        return emptyBoard(reader, inserter, BoardLayout.FORMAT_VERSION);
    }

    /** The tree of a new, empty board of {@code format}: the format blob alone. */
    public static ObjectId emptyBoard(ObjectReader reader, ObjectInserter inserter, int format) throws IOException {
        ObjectId marker = inserter.insert(Constants.OBJ_BLOB,
                BoardLayout.formatContent(format).getBytes(StandardCharsets.UTF_8));
        return new TreeEditor(reader, inserter).apply(null, Map.of(BoardLayout.FORMAT_PATH, marker));
    }

    /**
     * The path edits that take the tree of {@code before}, a board of {@code format}, to the board after
     * {@code transition}, in order (a later edit of the same path wins).
     */
    public static List<Edit> edits(BoardView before, Transition transition, int format) {
        return edits(before, transition.changes(), transition.roles(), format);
    }

    /** The path edits that put {@code changes} (and {@code roles}, unless null) on the board {@code before}. */
    private static List<Edit> edits(BoardView before, java.util.Collection<Task> changes, dev.baton.core.Roles roles,
                                    int format) {
        List<Edit> edits = new ArrayList<>();
        for (Task after : changes) {
            Optional<Task> old = before.task(after.id());
            old.filter(BoardLayout::isIndexed).ifPresent(t -> edits.add(new Edit(BoardLayout.indexPath(t), null)));
            Blob record = new Blob(TaskCodec.encode(after, format));
            edits.add(new Edit(BoardLayout.taskPath(after.id()), record));
            if (BoardLayout.specsApart(format)
                    && (old.isEmpty() || !java.util.Objects.equals(old.get().spec(), after.spec()))) {
                edits.add(new Edit(BoardLayout.specPath(after.id()),
                        after.spec() == null ? null : new Blob(TaskCodec.encodeSpec(after.spec()))));
            }
            if (BoardLayout.isIndexed(after)) {
                edits.add(new Edit(BoardLayout.indexPath(after), record));
            }
            if (old.isEmpty() && after.key() != null) {
                edits.add(new Edit(BoardLayout.keyPath(after.key()),
                        new Blob((after.id() + "\n").getBytes(StandardCharsets.UTF_8))));
            }
        }
        if (roles != null) {
            edits.add(new Edit(BoardLayout.ROLES, new Blob(TaskCodec.encodeRoles(roles))));
        }
        return edits;
    }

    /**
     * The tree of a board of {@code format} holding exactly {@code tasks} and {@code roles} (null: no roles file), as
     * baton writes it: the format marker, each record, its spec (format 3), its index entry and its key. A snapshot
     * that is not a replay (a checkpoint) is well formed when its tree is this tree of its own records.
     */
    public static ObjectId boardTree(java.util.Collection<Task> tasks, dev.baton.core.Roles roles, int format,
                                     ObjectReader reader, ObjectInserter inserter) throws IOException {
        ObjectId empty = emptyBoard(reader, inserter, format);
        return apply(empty, edits(dev.baton.core.MemoryBoard.empty(), tasks, roles, format), reader, inserter);
    }

    /** The tree of {@code before} with {@code transition} applied, in {@code before}'s format. */
    public static ObjectId nextTree(Snapshot before, Transition transition, ObjectReader reader, ObjectInserter inserter)
            throws IOException {
        return apply(before.treeId(), edits(before, transition, before.format()), reader, inserter);
    }

    private static ObjectId apply(ObjectId tree, List<Edit> edits, ObjectReader reader, ObjectInserter inserter)
            throws IOException {
        Map<Blob, ObjectId> inserted = new IdentityHashMap<>();
        Map<String, ObjectId> paths = new LinkedHashMap<>();
        for (Edit e : edits) {
            ObjectId id = null;
            if (e.blob() != null) {
                id = inserted.get(e.blob());
                if (id == null) {
                    id = inserter.insert(Constants.OBJ_BLOB, e.blob().bytes());
                    inserted.put(e.blob(), id);
                }
            }
            paths.put(e.path(), id);
        }
        return new TreeEditor(reader, inserter).apply(tree, paths);
    }
}

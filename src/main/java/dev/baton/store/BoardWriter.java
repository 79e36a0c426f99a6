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
 * tasks and the roles file when it changed, nothing else.
 * The same code computes the expected tree when a history is replayed, so a replay can only agree with a write.
 */
public final class BoardWriter {

    /** The bytes of one blob; paths that hold the same record share one instance. */
    public record Blob(byte[] bytes) {
    }

    /** One change to a board tree: put {@code blob} at {@code path}, or delete the path when it is null. */
    public record Edit(String path, Blob blob) {
    }

    private BoardWriter() {
    }

    /** The tree of a new, empty board. */
    public static ObjectId emptyBoard(ObjectReader reader, ObjectInserter inserter) throws IOException {
        ObjectId format = inserter.insert(Constants.OBJ_BLOB, BoardLayout.FORMAT_CONTENT.getBytes(StandardCharsets.UTF_8));
        return new TreeEditor(reader, inserter).apply(null, Map.of(BoardLayout.FORMAT_PATH, format));
    }

    /**
     * The path edits that take the tree of {@code before} to the board after {@code transition}, in order (a later
     * edit of the same path wins).
     */
    public static List<Edit> edits(BoardView before, Transition transition) {
        return edits(before, transition.changes(), transition.roles());
    }

    /** The path edits that put {@code changes} (and {@code roles}, unless null) on the board {@code before}. */
    private static List<Edit> edits(BoardView before, java.util.Collection<Task> changes, dev.baton.core.Roles roles) {
        List<Edit> edits = new ArrayList<>();
        for (Task after : changes) {
            Optional<Task> old = before.task(after.id());
            old.filter(BoardLayout::isIndexed).ifPresent(t -> edits.add(new Edit(BoardLayout.indexPath(t), null)));
            Blob record = new Blob(TaskCodec.encode(after));
            edits.add(new Edit(BoardLayout.taskPath(after.id()), record));
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
     * The tree of a board holding exactly {@code tasks} and {@code roles} (null: no roles file), as baton writes it:
     * the format marker, each record, its index entry and its key. A snapshot that is not a replay (a checkpoint) is
     * well formed when its tree is this tree of its own records.
     */
    public static ObjectId boardTree(java.util.Collection<Task> tasks, dev.baton.core.Roles roles, ObjectReader reader,
                                     ObjectInserter inserter) throws IOException {
        ObjectId empty = emptyBoard(reader, inserter);
        return apply(empty, edits(dev.baton.core.MemoryBoard.empty(), tasks, roles), reader, inserter);
    }

    /** The tree of {@code before} with {@code transition} applied. */
    public static ObjectId nextTree(Snapshot before, Transition transition, ObjectReader reader, ObjectInserter inserter)
            throws IOException {
        return apply(before.treeId(), edits(before, transition), reader, inserter);
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

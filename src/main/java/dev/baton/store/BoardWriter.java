package dev.baton.store;

import dev.baton.core.Task;
import dev.baton.core.Transition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Turns a transition into the tree of the next board: the changed task records and their index entries, nothing else.
 * The same code computes the expected tree when a history is replayed, so a replay can only agree with a write.
 */
public final class BoardWriter {

    private BoardWriter() {
    }

    /** The tree of a new, empty board. */
    public static ObjectId emptyBoard(ObjectReader reader, ObjectInserter inserter) throws IOException {
        ObjectId format = inserter.insert(Constants.OBJ_BLOB, BoardLayout.FORMAT_CONTENT.getBytes(StandardCharsets.UTF_8));
        return new TreeEditor(reader, inserter).apply(null, Map.of(BoardLayout.FORMAT_PATH, format));
    }

    /** The tree of {@code before} with {@code transition} applied. */
    public static ObjectId nextTree(Snapshot before, Transition transition, ObjectReader reader, ObjectInserter inserter)
            throws IOException {
        Map<String, ObjectId> edits = new LinkedHashMap<>();
        for (Task after : transition.changes()) {
            Optional<Task> old = before.task(after.id());
            old.filter(BoardLayout::isIndexed).ifPresent(t -> edits.put(BoardLayout.indexPath(t), null));
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, TaskCodec.encode(after));
            edits.put(BoardLayout.taskPath(after.id()), blob);
            if (BoardLayout.isIndexed(after)) {
                edits.put(BoardLayout.indexPath(after), blob);
            }
            if (old.isEmpty() && after.key() != null) {
                edits.put(BoardLayout.keyPath(after.key()),
                        inserter.insert(Constants.OBJ_BLOB, (after.id() + "\n").getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (transition.roles() != null) {
            edits.put(BoardLayout.ROLES, inserter.insert(Constants.OBJ_BLOB, TaskCodec.encodeRoles(transition.roles())));
        }
        return new TreeEditor(reader, inserter).apply(before.treeId(), edits);
    }
}

package dev.baton.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Writes a new tree from an old one and a set of path edits, rewriting only the trees on the edited paths: the cost of
 * an edit grows with the depth of the path and the width of the trees it crosses, never with the size of the board.
 * A tree left empty by deletions disappears.
 */
final class TreeEditor {

    private record Entry(String name, FileMode mode, ObjectId id) {
        String sortKey() {
            return mode == FileMode.TREE ? name + "/" : name;
        }
    }

    /** Git's tree order: names compared byte by byte, a tree as though its name ended in '/'. */
    private static final Comparator<Entry> GIT_ORDER = Comparator.comparing(Entry::sortKey);

    private final ObjectReader reader;
    private final ObjectInserter inserter;

    TreeEditor(ObjectReader reader, ObjectInserter inserter) {
        this.reader = reader;
        this.inserter = inserter;
    }

    /**
     * @param tree  the tree to start from, or null for an empty one
     * @param edits path → blob id to put there, or null to delete the path; later edits of the same path win
     * @return the new tree's id, or null when the result is empty
     */
    ObjectId apply(AnyObjectId tree, Map<String, ObjectId> edits) throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        if (tree != null) {
            CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
            for (; !parser.eof(); parser.next()) {
                String name = parser.getEntryPathString();
                entries.put(name, new Entry(name, parser.getEntryFileMode(), parser.getEntryObjectId()));
            }
        }
        Map<String, Map<String, ObjectId>> below = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectId> e : edits.entrySet()) {
            String path = e.getKey();
            int slash = path.indexOf('/');
            if (slash < 0) {
                if (e.getValue() == null) {
                    entries.remove(path);
                } else {
                    entries.put(path, new Entry(path, FileMode.REGULAR_FILE, e.getValue()));
                }
            } else {
                below.computeIfAbsent(path.substring(0, slash), k -> new LinkedHashMap<>())
                        .put(path.substring(slash + 1), e.getValue());
            }
        }
        for (Map.Entry<String, Map<String, ObjectId>> sub : below.entrySet()) {
            Entry old = entries.get(sub.getKey());
            ObjectId oldTree = old != null && old.mode() == FileMode.TREE ? old.id() : null;
            ObjectId newTree = apply(oldTree, sub.getValue());
            if (newTree == null) {
                entries.remove(sub.getKey());
            } else {
                entries.put(sub.getKey(), new Entry(sub.getKey(), FileMode.TREE, newTree));
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(GIT_ORDER);
        TreeFormatter formatter = new TreeFormatter();
        for (Entry e : sorted) {
            formatter.append(e.name(), e.mode(), e.id());
        }
        return inserter.insert(formatter);
    }
}

package dev.baton.store;

import dev.baton.core.BoardView;
import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.TaskState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The board at one commit, read lazily: a task is parsed only when asked for, and the index answers "which tasks are
 * in state S" without reading the others. Cheap to make; holds an object reader, so close it. On a board of format 3 a
 * task is its record and its spec blob, read together.
 */
public final class Snapshot implements BoardView, AutoCloseable {

    private final ObjectReader reader;
    private final RevCommit commit;
    private final Map<String, Optional<Task>> cache = new HashMap<>();
    private int format;

    Snapshot(ObjectReader reader, RevCommit commit) {
        this.reader = reader;
        this.commit = commit;
    }

    /** The board commit this snapshot shows. */
    public RevCommit commit() {
        return commit;
    }

    public ObjectId treeId() {
        return commit.getTree();
    }

    /**
     * The board's format, as its tree's {@code format} blob says.
     *
     * @throws FormatException when the tree has no such blob, or one of a format this baton does not read
     */
    public int format() {
        if (format == 0) {
            format = readFormat();
        }
        return format;
    }

    private int readFormat() {
        byte[] bytes;
        try (TreeWalk walk = TreeWalk.forPath(reader, BoardLayout.FORMAT_PATH, commit.getTree())) {
            if (walk == null || walk.getFileMode(0) != FileMode.REGULAR_FILE) {
                throw new FormatException("the board at " + commit.abbreviate(10).name() + " has no "
                        + BoardLayout.FORMAT_PATH + " file");
            }
            bytes = reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        for (int f = BoardLayout.OLDEST_READABLE; f <= BoardLayout.FORMAT_VERSION; f++) {
            if (text.equals(BoardLayout.formatContent(f))) {
                return f;
            }
        }
        throw new FormatException("the " + BoardLayout.FORMAT_PATH + " file of the board at "
                + commit.abbreviate(10).name() + " says \"" + text.strip() + "\"; this baton reads "
                + BoardLayout.readableFormats());
    }

    @Override
    public Optional<Task> task(String id) {
        if (!TaskIds.isValid(id)) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(id, this::load);
    }

    private Optional<Task> load(String id) {
        try (TreeWalk walk = TreeWalk.forPath(reader, BoardLayout.taskPath(id), commit.getTree())) {
            return walk == null ? Optional.empty() : Optional.of(read(walk.getObjectId(0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec blob of task {@code id} on a format-3 board, or null when it has none. */
    private ObjectId specBlob(String id) {
        try (TreeWalk walk = TreeWalk.forPath(reader, BoardLayout.specPath(id), commit.getTree())) {
            return walk == null ? null : walk.getObjectId(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<dev.baton.core.Roles> roles;

    @Override
    public Optional<dev.baton.core.Roles> roles() {
        if (roles == null) {
            try (TreeWalk walk = TreeWalk.forPath(reader, BoardLayout.ROLES, commit.getTree())) {
                roles = walk == null ? Optional.empty() : Optional.of(TaskCodec.decodeRoles(
                        reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(1 << 20)));
            } catch (IOException e) {
                throw new FormatException("the roles file on the board is not readable: " + e.getMessage(), e);
            }
        }
        return roles;
    }

    @Override
    public Optional<Task> taskByKey(String key) {
        try (TreeWalk walk = TreeWalk.forPath(reader, BoardLayout.keyPath(key), commit.getTree())) {
            if (walk == null) {
                return Optional.empty();
            }
            String id = new String(reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(1024),
                    java.nio.charset.StandardCharsets.UTF_8).strip();
            return task(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Task> inState(TaskState state) {
        return streamState(state).toList();
    }

    /**
     * Walks the state's index in git's tree order, which is queue order, reading a directory only when the walk
     * reaches it and parsing each task only when the caller asks for the next one: finding the first ready task reads
     * a handful of trees, whatever the size of the queue.
     */
    @Override
    public java.util.stream.Stream<Task> streamState(TaskState state) {
        if (!state.isOpen()) {
            throw new IllegalArgumentException(state + " is not indexed");
        }
        ObjectId root;
        try {
            root = treeAt(BoardLayout.indexDir(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null) {
            return java.util.stream.Stream.empty();
        }
        Iterator<ObjectId> blobs = new IndexWalk(reader, root);
        return java.util.stream.StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(blobs, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .map(id -> {
                    Task t = read(id);
                    cache.putIfAbsent(t.id(), Optional.of(t));
                    return t;
                });
    }

    /**
     * Every task on the board, in no particular order. Reads every record (and in format 3 every spec): for listings
     * that need them all. Only the {@code .json} files under {@code tasks/} are records; in format 3 the {@code .spec}
     * file beside a record is its spec. Anything else there is not read (fsck finds it: the board's tree then differs
     * from the tree of its records).
     */
    public List<Task> all() {
        List<ObjectId> records = new ArrayList<>();
        Map<String, ObjectId> specs = new HashMap<>();
        boolean apart = BoardLayout.specsApart(format());
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            walk.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(BoardLayout.TASKS));
            while (walk.next()) {
                String name = walk.getNameString();
                if (name.endsWith(BoardLayout.RECORD_SUFFIX)) {
                    records.add(walk.getObjectId(0));
                } else if (apart && name.endsWith(BoardLayout.SPEC_SUFFIX)) {
                    specs.put(name.substring(0, name.length() - BoardLayout.SPEC_SUFFIX.length()), walk.getObjectId(0));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Task> out = new ArrayList<>(records.size());
        for (ObjectId record : records) {
            out.add(read(record, specs::get));
        }
        return out;
    }

    /**
     * The ids on the board that start with {@code prefix} (a normalised "T-..." prefix). Reads only the fan-out
     * directories the prefix selects.
     */
    public List<String> idsStartingWith(String prefix) {
        String rest = prefix.substring(TaskIds.PREFIX.length());
        StringBuilder dir = new StringBuilder(BoardLayout.TASKS);
        int fixed = Math.min(rest.length(), BoardLayout.FANOUT_LEVELS);
        for (int i = 0; i < fixed; i++) {
            dir.append('/').append(rest.charAt(i));
        }
        List<String> out = new ArrayList<>();
        try {
            ObjectId start = treeAt(dir.toString());
            if (start != null) {
                collectIds(start, BoardLayout.FANOUT_LEVELS - fixed, prefix, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private void collectIds(ObjectId tree, int levelsLeft, String prefix, List<String> out) throws IOException {
        CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree);
        for (; !p.eof(); p.next()) {
            String name = p.getEntryPathString();
            if (levelsLeft > 0) {
                if (p.getEntryFileMode() == FileMode.TREE) {
                    collectIds(p.getEntryObjectId(), levelsLeft - 1, prefix, out);
                }
            } else if (name.endsWith(".json")) {
                String id = name.substring(0, name.length() - ".json".length());
                if (id.startsWith(prefix)) {
                    out.add(id);
                }
            }
        }
    }

    private ObjectId treeAt(String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
            if (walk == null || walk.getFileMode(0) != FileMode.TREE) {
                return null;
            }
            return walk.getObjectId(0);
        }
    }

    /** The task whose record is {@code blob}, with its spec blob looked up at its path in format 3. */
    private Task read(ObjectId blob) {
        return read(blob, this::specBlob);
    }

    private Task read(ObjectId blob, java.util.function.Function<String, ObjectId> specOf) {
        try {
            byte[] record = reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
            Task task = TaskCodec.decode(record);
            int f = format();
            ObjectId spec = BoardLayout.specsApart(f) && TaskIds.isValid(task.id()) ? specOf.apply(task.id()) : null;
            return TaskCodec.withSpec(task, f,
                    spec == null ? null : reader.open(spec, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
        } catch (IOException e) {
            throw new FormatException("task record " + blob.name() + " on the board is not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}

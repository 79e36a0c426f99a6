package dev.baton.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The blobs under one tree, depth first in git's tree order, reading each subtree only when the walk enters it. Under
 * {@code index/<STATE>} that order is the queue order (see {@link BoardLayout#indexPath}).
 */
final class IndexWalk implements Iterator<ObjectId> {

    private final ObjectReader reader;
    private final Deque<CanonicalTreeParser> open = new ArrayDeque<>();
    private ObjectId next;

    IndexWalk(ObjectReader reader, ObjectId tree) {
        this.reader = reader;
        enter(tree);
        advance();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public ObjectId next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        ObjectId out = next;
        advance();
        return out;
    }

    private void advance() {
        next = null;
        while (next == null && !open.isEmpty()) {
            CanonicalTreeParser top = open.peek();
            if (top.eof()) {
                open.pop();
                continue;
            }
            FileMode mode = top.getEntryFileMode();
            ObjectId id = top.getEntryObjectId();
            top.next();
            if (mode == FileMode.TREE) {
                enter(id);
            } else {
                next = id;
            }
        }
    }

    private void enter(ObjectId tree) {
        try {
            open.push(new CanonicalTreeParser(null, reader, tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

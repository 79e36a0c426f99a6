package dev.baton.store;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/** An inserter that only computes object ids and stores nothing: how a replay checks a tree without writing it. */
final class HashingInserter extends ObjectInserter.Formatter {

    @Override
    public ObjectId insert(int type, long length, InputStream in) throws IOException {
        return idFor(type, length, in);
    }

    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) {
        return idFor(type, data, off, len);
    }
}

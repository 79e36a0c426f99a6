package dev.baton.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Writes the commits baton makes itself (board transitions, checkpoints, messages): a tree, at most one parent, the
 * actor as author and committer ({@link Idents}), a UTF-8 message.
 */
final class Commits {

    private Commits() {
    }

    /**
     * Inserts the commit (not flushed) and returns its id.
     *
     * @param parent the commit before it, or null for a root commit
     */
    static ObjectId insert(ObjectInserter inserter, ObjectId tree, ObjectId parent, String actor, Instant when,
                           String message) throws IOException {
        PersonIdent who = Idents.of(actor, when);
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        if (parent != null) {
            cb.setParentId(parent);
        }
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setEncoding(StandardCharsets.UTF_8);
        cb.setMessage(message);
        return inserter.insert(cb);
    }
}

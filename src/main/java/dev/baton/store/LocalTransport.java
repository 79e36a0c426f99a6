package dev.baton.store;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** The shared refs are this repository's own: a publish is one JGit compare-and-swap ({@link RefCas}). */
public final class LocalTransport implements BoardTransport {

    private final RefCas cas;

    public LocalTransport(Repository repo) {
        this.cas = new RefCas(repo);
    }

    @Override
    public void refresh(String ref) {
        // the local ref is the shared one
    }

    @Override
    public Published publish(String ref, ObjectId expectedOld, ObjectId newId, boolean force) throws IOException {
        RefUpdate.Result result = cas.update(ref, expectedOld, newId, force);
        switch (result) {
            case NEW:
            case FAST_FORWARD:
                return Published.DONE;
            case FORCED:
            case NO_CHANGE:
                if (force) {
                    return Published.DONE; // a ref that points at a blob is always replaced, never fast-forwarded
                }
                throw unexpected(ref, result);
            case LOCK_FAILURE:
                return Published.LOST_RACE; // the expected old id did not match, or another writer holds the lock
            case IO_FAILURE:
                throw BatonException.environment("could not write " + ref + " (I/O failure)");
            case NOT_ATTEMPTED, REJECTED, REJECTED_CURRENT_BRANCH, REJECTED_MISSING_OBJECT, REJECTED_OTHER_REASON,
                    RENAMED:
            default:
                throw unexpected(ref, result);
        }
    }

    @Override
    public String describe() {
        return "this repository";
    }

    private static BatonException unexpected(String ref, RefUpdate.Result result) {
        return new BatonException(ExitCode.INTERNAL, "unexpected result updating " + ref + ": " + result);
    }
}

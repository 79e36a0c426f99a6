package dev.baton.store;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One compare-and-swap of a ref: moves it to a new id only if it still holds the expected one (zero id: must not
 * exist; null new id: delete). Each update is announced to {@link LockRecovery} so that a lock it leaves behind if this
 * process is killed can be proven stale. A stale lock found in the way is cleared and the update tried once more.
 */
final class RefCas {

    private final Repository repo;
    private final LockRecovery recovery;

    RefCas(Repository repo) {
        this.repo = repo;
        this.recovery = LockRecovery.of(repo);
    }

    LockRecovery recovery() {
        return recovery;
    }

    /**
     * @param force allow a move that is not a fast-forward (refs that point at blobs); the expected old id still
     *              guards it
     */
    RefUpdate.Result update(String ref, ObjectId expectedOld, ObjectId newId, boolean force) throws IOException {
        RefUpdate.Result result = once(ref, expectedOld, newId, force);
        if (result == RefUpdate.Result.LOCK_FAILURE && recovery.lockFile(ref).exists() && recovery.recoverIfStale(ref)) {
            result = once(ref, expectedOld, newId, force);
        }
        return result;
    }

    private RefUpdate.Result once(String ref, ObjectId expectedOld, ObjectId newId, boolean force) throws IOException {
        RefUpdate update = repo.updateRef(ref);
        update.setExpectedOldObjectId(expectedOld);
        update.setForceUpdate(force);
        update.disableRefLog();
        try (LockRecovery.Intent intent = recovery.announce(ref); RevWalk walk = new RevWalk(repo)) {
            if (newId == null) {
                update.setForceUpdate(true);
                return update.delete(walk);
            }
            update.setNewObjectId(newId);
            return update.update(walk);
        }
    }
}

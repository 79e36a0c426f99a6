package dev.baton.concurrency;

import dev.baton.app.Repositories;
import dev.baton.store.LockRecovery;
import java.io.File;
import org.eclipse.jgit.internal.storage.file.LockFile;
import org.eclipse.jgit.lib.Repository;

/**
 * Takes a ref's lock the way a baton writer does in the middle of an update (its intent announced first, then JGit's
 * {@code <ref>.lock}), prints "locked", and holds it until it is killed: a live holder while it runs, and the stale
 * lock of a killed writer once it has been SIGKILLed.
 *
 * <p>Arguments: repository, ref.
 */
public final class LockHolder {

    public static void main(String[] args) throws Exception {
        try (Repository repo = Repositories.open(new File(args[0]))) {
            String ref = args[1];
            LockRecovery recovery = LockRecovery.of(repo);
            LockRecovery.Intent intent = recovery.announce(ref);
            LockFile lock = new LockFile(new File(repo.getCommonDirectory(), ref));
            if (!lock.lock()) {
                System.out.println("busy");
                System.exit(1);
            }
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            lock.unlock();
            intent.close();
        }
    }
}

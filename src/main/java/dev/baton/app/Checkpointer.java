package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.store.BoardStore;
import java.io.File;
import java.util.function.Consumer;

/**
 * {@code baton checkpoint}: moves the board's history to the archive repository and starts the board again from a
 * root commit with the tip's tree, so that the repository baton opens holds the live board and not its history. The
 * order keeps every step safe to interrupt: the archive first (checked to hold the tip), then the compare-and-swap
 * of the board to the new root, then the repack that drops the archived history from this repository's packs, under
 * the board's lock (see {@link BoardStore#whileLocked}).
 */
public final class Checkpointer {

    /**
     * How long the board stays locked after the repack: a write that reused an object of the old history before the
     * repack deleted it, and tries to land after, must find the lock and write again; its objects and its
     * compare-and-swap are milliseconds apart.
     */
    private static final java.time.Duration LINGER = java.time.Duration.ofSeconds(1);

    private Checkpointer() {
    }

    static Checkpoint run(Session session, Consumer<String> progress) {
        BoardStore store = session.store();
        if (session.remoteMode()) {
            String remote = session.repository().getConfig().getString("baton", null, Remotes.CONFIG);
            throw BatonException.usage("baton checkpoint works on a local board only, and this one is a copy of remote "
                    + remote + "'s (baton.remote): run it in the repository that holds the shared board");
        }
        Archive archive = Archive.of(session.repository());
        BoardStore.Checkpointed done = session.writes().checkpoint(tip -> archive.keep(tip, progress));
        if (done.changed()) {
            try {
                store.whileLocked(() -> archive.repackMain(progress), LINGER);
            } catch (BatonException e) {
                throw new BatonException(e.exitCode(), "the checkpoint landed (the board continues from "
                        + done.root().abbreviate(10).name() + ", its history is in " + archive.dir()
                        + ") but the repack did not: " + e.getMessage() + "; run `git repack -a -d` when the"
                        + " board is quiet", e);
            }
        }
        return new Checkpoint(done, archive.dir());
    }

    /** What a checkpoint did, and where the archive is. */
    public record Checkpoint(BoardStore.Checkpointed checkpointed, File archive) {
    }
}

package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.git.GitRemoteTransport;
import dev.baton.store.BoardFsck;
import dev.baton.store.LockRecovery;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.eclipse.jgit.lib.ObjectId;

/** Setting the board up (init, remote mode, sync), checking it (fsck) and repairing it (checkpoints, stale locks). */
public final class Maintenance {

    private final Session session;

    Maintenance(Session session) {
        this.session = session;
    }

    /** Creates the board; false, changing nothing, when one exists. */
    public boolean init() {
        return session.writes().init();
    }

    /**
     * Turns on remote mode with {@code remote} ({@code git config baton.remote}) and makes sure the remote has a board:
     * it publishes this repository's board if the remote has none, or adopts the remote's. Returns what it did.
     */
    public String initRemote(String remote) {
        String actor = session.writes().admit();
        return Remotes.connect(session.repository(), remote, actor, session.now());
    }

    /** Fetches and pushes everything baton keeps in refs (remote mode): returns a line per ref family. */
    public List<String> sync() {
        if (!session.remoteMode()) {
            throw BatonException.usage("sync needs remote mode: `baton init --remote <name>` or git config baton.remote");
        }
        session.writes().admit();
        return Remotes.sync(session.repository(), ((GitRemoteTransport) session.transport()).remote());
    }

    /** Replays the board's whole history through the state machine; see {@link BoardFsck}. */
    public BoardFsck.Report fsck(IntConsumer progress) {
        ObjectId tip = session.store().tip()
                .orElseThrow(() -> BatonException.environment("no board yet; run `baton init` first"));
        try {
            return BoardFsck.check(session.repository(), tip, progress, Archive.of(session.repository()));
        } catch (IOException e) {
            throw BatonException.environment("cannot read the board's history: " + e.getMessage(), e);
        }
    }

    /** Replays the histories kept in the archive repository, by archive ref; see {@link Archive#replay}. */
    public Map<String, BoardFsck.Report> fsckArchive(IntConsumer progress) {
        return Archive.of(session.repository()).replay(progress);
    }

    /** Checks a proposed move of the board ref (a push to a server); see {@link BoardFsck#checkUpdate}. */
    public BoardFsck.Report checkUpdate(ObjectId oldTip, ObjectId newTip) {
        try {
            return BoardFsck.checkUpdate(session.repository(), oldTip, newTip);
        } catch (IOException e) {
            throw BatonException.environment("cannot read the pushed commits: " + e.getMessage(), e);
        }
    }

    /** Reads a pushed lease blob (for the server's validator); fails when it is not one. */
    public dev.baton.core.Lease pushedLease(ObjectId blob) throws IOException {
        byte[] bytes = session.repository().open(blob, org.eclipse.jgit.lib.Constants.OBJ_BLOB).getCachedBytes(64 * 1024);
        return dev.baton.store.LeaseStore.decode(bytes);
    }

    /**
     * Moves the board's history to the archive repository and starts the board again from its tip's snapshot; see
     * {@link Checkpointer}. {@code progress} hears a line at each long step.
     */
    public Checkpointer.Checkpoint checkpoint(Consumer<String> progress) {
        return Checkpointer.run(session, progress);
    }

    /** Where the archive repository of this board is (it may not exist). */
    public File archiveDir() {
        return Archive.of(session.repository()).dir();
    }

    /** The scratch worktrees killed merges left behind: found, or removed with {@code fix}. */
    public List<File> mergeLeftovers(boolean fix) {
        dev.baton.worktree.MergeLeftovers leftovers = new dev.baton.worktree.MergeLeftovers(session.worktrees());
        return fix ? leftovers.remove() : leftovers.find();
    }

    /** The lock files under refs/baton, stale or held. */
    public List<LockRecovery.LockReport> locks() {
        return session.store().lockRecovery().scan();
    }

    /** Removes the stale lock of {@code ref}; true when one was removed. */
    public boolean clearStaleLock(String ref) {
        try {
            return session.store().lockRecovery().recoverIfStale(ref);
        } catch (IOException e) {
            throw BatonException.environment("cannot clear the lock of " + ref + ": " + e.getMessage(), e);
        }
    }
}

package dev.baton.store;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Where the shared copy of baton's refs lives and how a compare-and-swap reaches it: in this repository
 * ({@link LocalTransport}), or on a git remote that every clone pushes to (remote mode).
 */
public interface BoardTransport {

    /** What a publish did. */
    enum Published {
        /** The shared ref now holds the new id. */
        DONE,
        /** Someone else moved the shared ref first (or holds its lock): read again and decide again. */
        LOST_RACE
    }

    /** Brings the local copy of {@code ref} up to date with the shared one before it is read (nothing, locally). */
    void refresh(String ref);

    /**
     * Moves the shared {@code ref} from {@code expectedOld} (zero id: must not exist) to {@code newId} (null: delete)
     * if, and only if, it still holds {@code expectedOld}; the local ref follows on success.
     *
     * @param force allow a move that is not a fast-forward (refs that point at blobs); {@code expectedOld} still
     *              guards it
     */
    Published publish(String ref, ObjectId expectedOld, ObjectId newId, boolean force) throws IOException;

    /** Another ref to move together with the board, guarded by its own expected old id. */
    record RefMove(String ref, ObjectId expectedOld, ObjectId newId) {
    }

    /**
     * Publishes the board together with {@code companions} (the base branch a merge moved): atomically where the
     * shared copy can, otherwise companions first, so that a crash in between leaves only work that the next
     * {@code baton merge} records. Locally the companions have already moved (a merge moves the local base itself).
     *
     * @throws CompanionMoved when a companion's expected old id no longer holds (another merge moved the base)
     */
    default Published publish(String ref, ObjectId expectedOld, ObjectId newId, java.util.List<RefMove> companions)
            throws IOException {
        return publish(ref, expectedOld, newId, false);
    }

    /** A companion ref moved on the shared copy since it was read: the merge must be done again on the new base. */
    final class CompanionMoved extends dev.baton.BatonException {
        public CompanionMoved(String message) {
            super(dev.baton.ExitCode.ENVIRONMENT, message);
        }
    }

    /** A short description for messages: "this repository", "remote origin". */
    String describe();

    /**
     * Thrown by {@link #publish} when the connection failed after the update may have reached the shared copy: the
     * store then refreshes and checks whether its commit landed before it decides anything again.
     */
    final class OutcomeUnknown extends dev.baton.BatonException {
        public OutcomeUnknown(String message) {
            super(dev.baton.ExitCode.ENVIRONMENT, message);
        }
    }
}

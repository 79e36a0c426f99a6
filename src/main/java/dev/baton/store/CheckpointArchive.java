package dev.baton.store;

import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The archive repository as a history check sees it: where a checkpoint's old tip should be. Looked up with the git
 * binary rather than JGit, so that checking a checkpoint does not load the archive's pack index.
 */
public interface CheckpointArchive {

    /** An archived tip: the commit a ref of the archive points at, and its tree. */
    record ArchivedTip(ObjectId commit, ObjectId tree) {
    }

    /** No archive in this repository (a clone that fetched only the board, or a server). */
    CheckpointArchive NONE = new CheckpointArchive() {
        @Override
        public boolean present() {
            return false;
        }

        @Override
        public Optional<ArchivedTip> lookup(String ref) {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "no archive";
        }
    };

    /** Whether the archive repository exists here. */
    boolean present();

    /** What {@code ref} points at in the archive, if it exists there. */
    Optional<ArchivedTip> lookup(String ref);

    /** Where the archive is, for messages. */
    String describe();
}

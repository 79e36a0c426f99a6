package dev.baton.store;

import dev.baton.BatonException;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Remote mode with {@code --offline}: reads see the local copy of the shared refs as last fetched, and every
 * publish is refused before anything reaches the remote. Every store writes through its transport, so no write can
 * slip past this one, whichever command asked for it.
 */
public final class OfflineTransport implements BoardTransport {

    /** What every refused write says. */
    public static final String REFUSAL = "--offline only reads; a change must reach the remote board";

    private final BoardTransport remote;

    public OfflineTransport(BoardTransport remote) {
        this.remote = remote;
    }

    @Override
    public void refresh(String ref) {
        // the local copy is what --offline reads
    }

    @Override
    public Published publish(String ref, ObjectId expectedOld, ObjectId newId, boolean force) throws IOException {
        throw BatonException.usage(REFUSAL);
    }

    @Override
    public Published publish(String ref, ObjectId expectedOld, ObjectId newId, java.util.List<RefMove> companions)
            throws IOException {
        throw BatonException.usage(REFUSAL);
    }

    @Override
    public String describe() {
        return remote.describe() + " (offline)";
    }
}

package dev.baton.store;

import dev.baton.BatonException;
import dev.baton.core.Lease;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Heartbeat leases, off the board's history: {@code refs/baton/leases/<task id>} points at a small JSON blob that
 * each heartbeat replaces (compare-and-swap). Old blobs become unreachable and {@code git gc} drops them, so a
 * heartbeat costs one blob and one ref update and the board's history does not grow.
 */
public final class LeaseStore {

    public static final String PREFIX = "refs/baton/leases/";

    /** A lease as read, with the blob id a compare-and-swap must expect. */
    public record Stored(ObjectId blob, Lease lease) {
    }

    private final Repository repo;
    private final BoardTransport transport;

    public LeaseStore(Repository repo, BoardTransport transport) {
        this.repo = repo;
        this.transport = transport;
    }

    /** Brings the leases up to date with the shared copy (remote mode); nothing locally. */
    public void refresh() {
        transport.refresh(PREFIX + "*");
    }

    /** A lease blob: one line of JSON with sorted keys and a final newline (docs/format.md, "Leases"). */
    public static byte[] encode(Lease lease) {
        return (RecordJson.line(lease) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Lease decode(byte[] bytes) throws IOException {
        return RecordJson.read(bytes, Lease.class);
    }

    public static String ref(String taskId) {
        return PREFIX + taskId;
    }

    public Optional<Stored> read(String taskId) {
        try {
            Ref ref = repo.exactRef(ref(taskId));
            if (ref == null || ref.getObjectId() == null) {
                return Optional.empty();
            }
            byte[] bytes = repo.open(ref.getObjectId(), Constants.OBJ_BLOB).getCachedBytes(64 * 1024);
            return Optional.of(new Stored(ref.getObjectId(), decode(bytes)));
        } catch (IOException e) {
            throw BatonException.environment("cannot read the lease of " + taskId + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the lease if it is still {@code expected} (null: there must be none). Returns false on a lost race. */
    public boolean write(Lease lease, ObjectId expected) {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId blob = ins.insert(Constants.OBJ_BLOB, encode(lease));
            ins.flush();
            return transport.publish(ref(lease.taskId()), expected == null ? ObjectId.zeroId() : expected, blob, true)
                    == BoardTransport.Published.DONE;
        } catch (IOException e) {
            throw BatonException.environment("cannot write the lease of " + lease.taskId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops the lease of a grant that has ended (the task left ASSIGNED/WORKING at {@code endedEpoch}). A lease of a
     * later epoch (the task was granted again meanwhile) is the new owner's and is left alone. Best effort.
     */
    public void remove(String taskId, long endedEpoch) {
        read(taskId).filter(s -> s.lease().epoch() <= endedEpoch).ifPresent(s -> {
            try {
                transport.publish(ref(taskId), s.blob(), null, true);
            } catch (IOException | BatonException ignored) {
                // a leftover lease of an older epoch counts for nothing
            }
        });
    }
}

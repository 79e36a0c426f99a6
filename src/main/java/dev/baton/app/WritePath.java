package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.core.Command;
import dev.baton.core.Lease;
import dev.baton.core.Message;
import dev.baton.core.Permissions;
import dev.baton.core.Address;
import dev.baton.store.Applied;
import dev.baton.store.BoardStore;
import dev.baton.store.BoardTransport;
import dev.baton.store.OfflineTransport;
import dev.baton.store.Snapshot;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The one way anything baton shares is written: board transitions, leases, messages and cursors. It knows the mode
 * (local, remote, or offline, where every write is refused), the actor, and the roles in force (an agent that holds
 * no role once roles are set may only read). The services go through here and nowhere else; the stores below it
 * publish through the session's transport, which refuses every publish when offline, so a write that forgot this
 * class would still not reach the remote.
 */
final class WritePath {

    private final Session session;

    WritePath(Session session) {
        this.session = session;
    }

    /**
     * Refuses, before anything is written or changed locally, a write this session may not make: none at all when
     * offline, none without an actor. Commands that change local state before their board write (a merge lands on
     * the local base first) call it up front.
     */
    String admit() {
        if (session.offline()) {
            throw BatonException.usage(OfflineTransport.REFUSAL);
        }
        return session.actor();
    }

    /** Decides {@code command} (built from the board as it is at each attempt) and writes it. */
    Applied transition(Function<Snapshot, Command> command) {
        return transition(command, List.of());
    }

    /** {@link #transition(Function)}, moving {@code companions} with the board (a merge's base branch). */
    Applied transition(Function<Snapshot, Command> command, List<BoardTransport.RefMove> companions) {
        String who = admit();
        return session.store().apply((board, now) -> command.apply(board).decide(board, who, now), companions);
    }

    /** Writes a renewed lease if the lease ref still holds {@code expected}; false when someone moved it first. */
    boolean lease(Lease renewed, ObjectId expected) {
        requireRole("renew a lease");
        return session.leaseStore().write(renewed, expected);
    }

    /** Removes the lease of a task whose lease a transition just ended. */
    void endLease(String taskId, long epoch) {
        admit();
        session.leaseStore().remove(taskId, epoch);
    }

    /** Appends a message to its channel. */
    Message message(Message draft) {
        requireRole("send messages");
        return session.channelStore().append(draft).message();
    }

    /** Moves {@code reader}'s cursor on {@code channel} past {@code seen}. */
    void cursor(String reader, Address channel, ObjectId seen) {
        if (session.offline()) {
            throw BatonException.usage(OfflineTransport.REFUSAL + " (your read position too); add --peek to read"
                    + " without moving it");
        }
        requireRole("move a read cursor");
        session.channelStore().advance(reader, channel, seen);
    }

    /** Creates the board; false when one exists. */
    boolean init() {
        return session.store().init(admit());
    }

    /** Moves the board's history to the archive and starts it again from its tip's snapshot. */
    BoardStore.Checkpointed checkpoint(BoardStore.Archiver archiver) {
        return session.store().checkpoint(admit(), archiver);
    }

    /**
     * {@link #admit()}, and refuses an agent that holds no role once roles are set (it may only read). Returns the
     * actor.
     */
    String requireRole(String verb) {
        String who = admit();
        if (session.store().tip().isEmpty()) {
            return who; // no board, so no roles yet
        }
        session.read(board -> Permissions.mayWrite(board, who, verb)).ifPresent(r -> {
            throw BatonException.of(r);
        });
        return who;
    }
}

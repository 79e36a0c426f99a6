package dev.baton.core;

import java.time.Instant;

/**
 * A request to change the board. Each command knows its own rule ({@link #rule}); {@link #decide} first checks the
 * roles file ({@link Permissions}), then applies the rule and the consequences every transition shares
 * ({@link Cascade}: blocked dependents, epics that complete, reservations released). Both are pure:
 * the outcome is the transition to record, a rejection that says why in one sentence, or no change at all.
 */
public sealed interface Command
        permits Spawn, Claim, Start, Done, Reject, Approve, Merge, Cancel, Fail, Retry, Reap, DepAdd, DepRemove, Edit,
        SpawnBatch, SetRoles, Reserve, Release, Requeue, ClaimNext {

    /** The command's name as typed on the command line and recorded in the Baton-Command trailer. */
    String name();

    /** The id of the task the command is about (for a batch, its first task). */
    String taskId();

    /**
     * What this command needs once roles are set: by default the worker role. Commands that need more (or less) say
     * so here; {@link Permissions} checks it.
     */
    default Permission permission(BoardView board, String actor) {
        return Permission.of(Role.WORKER, name().replace('-', ' '));
    }

    /** This command's own rule, without the shared consequences. */
    Outcome rule(BoardView board, String actor, Instant now);

    /** Decides this command given by {@code actor} at {@code now} on {@code board}. Never mutates anything. */
    default Outcome decide(BoardView board, String actor, Instant now) {
        java.util.Optional<Rejection> denied = Permissions.check(board, this, actor);
        if (denied.isPresent()) {
            return denied.get();
        }
        Outcome o = rule(board, actor, now);
        return o instanceof Transition t ? Cascade.extend(board, t, now) : o;
    }
}

package dev.baton.core;

import java.util.Optional;

/**
 * Who may cut the board's history with a checkpoint: anyone on a board without roles, else only an admin (it rewrites
 * no task, but it moves the whole history out of the repository). The same rule binds the command and the replay.
 */
public final class CheckpointRule {

    private CheckpointRule() {
    }

    /** Why {@code actor} may not checkpoint {@code board}, or empty when it may. */
    public static Optional<Rejection> check(BoardView board, String actor) {
        if (!Actors.isValid(actor)) {
            return Optional.of(Rejection.invalid("'" + actor + "' is not a valid agent name"));
        }
        return Permissions.admin(board, actor, "checkpoint the board");
    }
}

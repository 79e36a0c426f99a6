package dev.baton.core;

import java.util.Optional;

/**
 * Who may give which command, by the roles file on the board (none: everyone may do everything). Checked before every
 * command's own rule, so it binds the CLI, replay and the server's validator alike.
 */
final class Permissions {

    private Permissions() {
    }

    static Optional<Rejection> check(BoardView board, Command command, String actor) {
        Optional<Roles> roles = board.roles();
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        Roles r = roles.get();
        if (command instanceof Reap) {
            return Optional.empty(); // housekeeping on evidence: anyone may take back an expired lease
        }
        if (command instanceof Approve || command instanceof Reject) {
            return need(r, actor, Role.REVIEWER, verb(command));
        }
        if (command instanceof Merge) {
            return need(r, actor, Role.MERGER, "merge");
        }
        if (command instanceof SetRoles) {
            return need(r, actor, Role.ADMIN, "edit roles");
        }
        if (command instanceof Cancel c) {
            boolean own = board.task(c.taskId())
                    .map(t -> t.isOwnedBy(actor) || actor.equals(t.createdBy())).orElse(false);
            return own ? need(r, actor, Role.WORKER, "cancel") : need(r, actor, Role.ADMIN, "cancel others' tasks");
        }
        return need(r, actor, Role.WORKER, verb(command));
    }

    /** Whether {@code actor} may do what only an admin may do once roles are set (a checkpoint, say). */
    static Optional<Rejection> admin(BoardView board, String actor, String verb) {
        return board.roles().flatMap(r -> need(r, actor, Role.ADMIN, verb));
    }

    private static Optional<Rejection> need(Roles roles, String actor, Role role, String verb) {
        if (roles.has(actor, role)) {
            return Optional.empty();
        }
        String held = roles.of(actor).isEmpty() ? "none" : String.join(", ",
                roles.of(actor).stream().map(x -> x.name().toLowerCase(java.util.Locale.ROOT)).toList());
        return Optional.of(Rejection.refused(actor + " may not " + verb + ": that needs the "
                + role.name().toLowerCase(java.util.Locale.ROOT) + " role (roles held: " + held
                + "); an admin can grant it with `baton roles set`"));
    }

    private static String verb(Command c) {
        return c.name().replace('-', ' ');
    }
}

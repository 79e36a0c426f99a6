package dev.baton.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may give which command, by the roles file on the board (none: everyone may do everything). Each command says
 * what it needs ({@link Command#permission}); this checks it before the command's own rule, so it binds the CLI,
 * replay and the server's validator alike. Once roles are set, an agent that holds none may only read: every write
 * it asks for, a transition, a lease, a message, is refused ({@link #mayWrite}).
 */
public final class Permissions {

    private Permissions() {
    }

    static Optional<Rejection> check(BoardView board, Command command, String actor) {
        Optional<Roles> roles = board.roles();
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        Permission needed = command.permission(board, actor);
        return readOnly(roles.get(), actor, needed.verb())
                .or(() -> needed.role() == null ? Optional.empty() : need(roles.get(), actor, needed.role(), needed.verb()));
    }

    /**
     * Whether {@code actor} may write anything at all (a lease, a message, a cursor): refused only when roles are set
     * and it holds none.
     */
    public static Optional<Rejection> mayWrite(BoardView board, String actor, String verb) {
        return board.roles().flatMap(r -> readOnly(r, actor, verb));
    }

    /** Whether {@code actor} may do what only an admin may do once roles are set (a checkpoint, say). */
    static Optional<Rejection> admin(BoardView board, String actor, String verb) {
        return board.roles().flatMap(r -> need(r, actor, Role.ADMIN, verb));
    }

    private static Optional<Rejection> readOnly(Roles roles, String actor, String verb) {
        if (!roles.of(actor).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Rejection.refused(actor + " may not " + verb + ": it holds no role on this board, so it"
                + " may only read; an admin can grant one with `baton roles set`"));
    }

    private static Optional<Rejection> need(Roles roles, String actor, Role role, String verb) {
        if (roles.has(actor, role)) {
            return Optional.empty();
        }
        String held = String.join(", ", roles.of(actor).stream().map(x -> x.name().toLowerCase(Locale.ROOT)).toList());
        return Optional.of(Rejection.refused(actor + " may not " + verb + ": that needs the "
                + role.name().toLowerCase(Locale.ROOT) + " role (roles held: " + held
                + "); an admin can grant it with `baton roles set`"));
    }
}

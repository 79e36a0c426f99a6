package dev.baton.core;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * Gives an agent exactly these roles (none: removes it from the roles file). The first one creates the roles file;
 * from then on roles are enforced, so the file must always keep an admin.
 */
public record SetRoles(String agent, List<Role> roles) implements Command {

    public SetRoles {
        roles = roles == null ? List.of() : roles.stream().distinct().sorted().toList();
    }

    @Override
    public Permission permission(BoardView board, String actor) {
        return Permission.of(Role.ADMIN, "edit roles");
    }

    @Override
    public String name() {
        return "roles-set";
    }

    @Override
    public String taskId() {
        return null;
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        if (!Actors.isValid(agent)) {
            return Rejection.invalid("'" + agent + "' is not a valid agent name");
        }
        Roles before = board.roles().orElse(new Roles(java.util.Map.of()));
        Roles after = before.with(agent, roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        if (!after.hasAdmin()) {
            return Rejection.refused("the roles file must keep at least one admin; give someone the admin role first");
        }
        if (after.equals(before) && board.roles().isPresent()) {
            return new NoChange(null, agent + " already has exactly these roles");
        }
        Event e = new Event(this, actor, now, null, agent + " " + (roles.isEmpty() ? "(no roles)"
                : String.join(",", roles.stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).toList())),
                null, null, 0);
        return new Transition(e, List.of(), after);
    }
}

package dev.baton.core;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The roles file: which agent holds which roles. With no roles file on the board everyone may do everything; once
 * one exists, an agent that is not in it may do nothing but reap expired leases.
 *
 * @param agents agent name → roles (sorted by name)
 */
public record Roles(Map<String, Set<Role>> agents) {

    public Roles {
        TreeMap<String, Set<Role>> copy = new TreeMap<>();
        agents.forEach((k, v) -> {
            if (!v.isEmpty()) {
                copy.put(k, java.util.Collections.unmodifiableSet(EnumSet.copyOf(v)));
            }
        });
        agents = java.util.Collections.unmodifiableMap(copy);
    }

    public Set<Role> of(String agent) {
        return agents.getOrDefault(agent, Set.of());
    }

    public boolean has(String agent, Role role) {
        Set<Role> r = of(agent);
        return r.contains(role) || r.contains(Role.ADMIN);
    }

    /** These roles with {@code agent}'s replaced (an empty set removes the agent). */
    public Roles with(String agent, Set<Role> roles) {
        Map<String, Set<Role>> next = new TreeMap<>(agents);
        if (roles.isEmpty()) {
            next.remove(agent);
        } else {
            next.put(agent, roles);
        }
        return new Roles(next);
    }

    public boolean hasAdmin() {
        return agents.values().stream().anyMatch(r -> r.contains(Role.ADMIN));
    }
}

package dev.baton.core;

/**
 * What a command needs once a roles file is on the board: a role, and the words for what it does, for the refusal
 * ("agent-b may not approve: that needs the reviewer role"). A null role means any role at all: such a command is
 * housekeeping anyone on the board may do, but not an agent that holds no role (it may only read).
 */
public record Permission(Role role, String verb) {

    public static Permission of(Role role, String verb) {
        return new Permission(role, verb);
    }

    /** Any agent that holds a role. */
    public static Permission anyRole(String verb) {
        return new Permission(null, verb);
    }
}

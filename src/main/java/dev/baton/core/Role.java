package dev.baton.core;

/** What an agent may do once a roles file is on the board. */
public enum Role {
    /** Spawn, claim, start, finish and fail work; edit tasks and dependencies; cancel tasks it created or holds. */
    WORKER,
    /** Approve and reject others' work. */
    REVIEWER,
    /** Merge approved work. */
    MERGER,
    /** Everything, including cancelling others' tasks and editing roles. */
    ADMIN;

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(text.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (one of worker, reviewer, merger, admin)");
    }
}

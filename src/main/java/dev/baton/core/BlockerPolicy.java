package dev.baton.core;

/** What a task does when one of its blockers ends FAILED or CANCELLED. */
public enum BlockerPolicy {
    /** Stay QUEUED, marked blocked with the cause, until the blocker is retried (default). */
    WAIT,
    /** Be cancelled too (and so on down the chain). */
    CANCEL,
    /** Treat the failed blocker as satisfied. */
    IGNORE;

    public static BlockerPolicy parse(String text) {
        for (BlockerPolicy p : values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + text + "' (one of wait, cancel, ignore)");
    }
}

package dev.baton.core;

/** The life of a task. Terminal states accept no further transition except {@code retry} on FAILED. */
public enum TaskState {
    QUEUED, ASSIGNED, WORKING, IN_REVIEW, APPROVED, COMPLETED, CANCELLED, FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }

    /** Open tasks still need someone: every state but COMPLETED and CANCELLED (a FAILED task awaits retry). */
    public boolean isOpen() {
        return this != COMPLETED && this != CANCELLED;
    }

    /** Parses a state name as users type it: case-insensitive, dashes allowed ("in-review"). */
    public static TaskState parse(String text) {
        String norm = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (TaskState s : values()) {
            if (s.name().equals(norm)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown state '" + text + "' (one of QUEUED, ASSIGNED, WORKING, IN_REVIEW, APPROVED, COMPLETED, CANCELLED, FAILED)");
    }
}

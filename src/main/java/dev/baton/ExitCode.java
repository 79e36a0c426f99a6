package dev.baton;

/**
 * The exit codes every baton command and hook keeps to, with what each means: the one table, which the README
 * documents and {@code baton --help} lists. They are stable.
 */
public enum ExitCode {
    /** Done. */
    OK(0, "done"),
    /** Refused by the protocol (illegal transition, not the owner, already claimed, lease lost); nothing changed. */
    REFUSED(1, "refused by the protocol (illegal transition, not the owner, already claimed); nothing changed"),
    /** Bad usage or input; nothing changed. */
    USAGE(2, "bad usage or input; nothing changed"),
    /** The environment is wrong: not a git repository, no board yet, a lock that cannot be taken, remote down. */
    ENVIRONMENT(3, "environment (not a git repository, no board yet, a lock that cannot be taken)"),
    /** A bug in baton. */
    INTERNAL(4, "internal error"),
    /**
     * Interrupted (Ctrl-C), as a shell reports a process that SIGINT ended (128 + 2): a supervised task goes back to
     * the queue, and a call stopped while it waited wrote nothing more.
     */
    INTERRUPTED(130, "interrupted (Ctrl-C); a supervised task goes back to the queue");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** What the code means, in the words of {@code baton --help}. */
    public String meaning() {
        return meaning;
    }
}

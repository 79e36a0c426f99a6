package dev.baton;

/** The exit codes every baton command keeps to; documented in the README and stable. */
public enum ExitCode {
    /** Done. */
    OK(0),
    /** Refused by the protocol (illegal transition, not the owner, already claimed, lease lost); nothing changed. */
    REFUSED(1),
    /** Bad usage or input; nothing changed. */
    USAGE(2),
    /** The environment is wrong: not a git repository, no board yet, a lock that cannot be taken, remote down. */
    ENVIRONMENT(3),
    /** A bug in baton. */
    INTERNAL(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

package dev.baton.store;

/** Something on the board ref that baton did not write, or wrote in a format this version does not read. */
public final class FormatException extends RuntimeException {

    private final boolean otherVersion;

    public FormatException(String message) {
        this(message, null, false);
    }

    public FormatException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private FormatException(String message, Throwable cause, boolean otherVersion) {
        super(message, cause);
        this.otherVersion = otherVersion;
    }

    /** A board baton wrote, in a format other than this version's. */
    static FormatException otherVersion(String message) {
        return new FormatException(message, null, true);
    }

    /** Whether baton wrote this, only in another format: a reason to use another baton, not to move the ref aside. */
    public boolean isOtherVersion() {
        return otherVersion;
    }
}

package dev.baton.store;

/** Something on the board ref that baton did not write, or wrote in a format this version does not read. */
public final class FormatException extends RuntimeException {
    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

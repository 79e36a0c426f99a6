package dev.baton;

import dev.baton.core.Rejection;

/** The one exception the shell throws to end a command: an exit code and a one-line message that says what to do. */
public class BatonException extends RuntimeException {

    private final ExitCode exitCode;

    public BatonException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public BatonException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** For exceptions thrown often and caught at once (a hook's refusal): no stack trace is recorded. */
    protected BatonException(ExitCode exitCode, String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static BatonException usage(String message) {
        return new BatonException(ExitCode.USAGE, message);
    }

    public static BatonException refused(String message) {
        return new BatonException(ExitCode.REFUSED, message);
    }

    public static BatonException environment(String message) {
        return new BatonException(ExitCode.ENVIRONMENT, message);
    }

    public static BatonException environment(String message, Throwable cause) {
        return new BatonException(ExitCode.ENVIRONMENT, message, cause);
    }

    /** The thread was interrupted (Ctrl-C) while the call waited; the interrupt status is the caller's to keep. */
    public static BatonException interrupted(String message) {
        return new BatonException(ExitCode.INTERRUPTED, message);
    }

    /** A rejection from the state machine: the protocol refused (1), or the input was wrong (2). */
    public static BatonException of(Rejection rejection) {
        ExitCode code = rejection.kind() == Rejection.Kind.REFUSED || rejection.kind() == Rejection.Kind.NOTHING_READY
                ? ExitCode.REFUSED : ExitCode.USAGE;
        return new RejectedException(code, rejection);
    }

    /** Carries the rejection itself, for callers (and tests) that want its kind. */
    public static final class RejectedException extends BatonException {
        private final Rejection rejection;

        RejectedException(ExitCode code, Rejection rejection) {
            super(code, rejection.message());
            this.rejection = rejection;
        }

        public Rejection rejection() {
            return rejection;
        }
    }
}

package dev.baton.core;

/**
 * A command the board refuses: nothing changes. {@code message} is one sentence that says why and, where it can,
 * what to do instead.
 */
public record Rejection(Kind kind, String message) implements Outcome {

    public enum Kind {
        /** The protocol forbids it now (illegal transition, not the owner, already claimed, lease lost). */
        REFUSED,
        /** The command itself is malformed (empty title, bad priority): the caller's input is wrong. */
        INVALID,
        /** The task the command names is not on the board. */
        NOT_FOUND,
        /** Nothing is ready to claim (the queue is empty, or everything in it waits): a refusal, and a normal one. */
        NOTHING_READY
    }

    public static Rejection refused(String message) {
        return new Rejection(Kind.REFUSED, message);
    }

    public static Rejection invalid(String message) {
        return new Rejection(Kind.INVALID, message);
    }

    public static Rejection nothingReady(String message) {
        return new Rejection(Kind.NOTHING_READY, message);
    }

    public static Rejection notFound(String id) {
        return new Rejection(Kind.NOT_FOUND, "no task " + id + " on the board");
    }
}

package dev.baton.core;

/** What deciding a command yields: a {@link Transition} to write, or a {@link Rejection}. */
public sealed interface Outcome permits Transition, Rejection {
}

package dev.baton.core;

/** What deciding yields: a {@link Transition} or {@link Renewal} to write, or a {@link Rejection}. */
public sealed interface Outcome permits Transition, Rejection, Renewal, NoChange {
}

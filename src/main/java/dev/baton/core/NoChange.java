package dev.baton.core;

/** A command that is already satisfied (an idempotent spawn whose task exists): nothing to write. */
public record NoChange(Task task, String why) implements Outcome {
}

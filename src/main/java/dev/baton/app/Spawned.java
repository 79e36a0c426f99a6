package dev.baton.app;

import dev.baton.core.Task;

/** A spawned task, and whether this spawn created it (false: its key existed with the same title and spec). */
public record Spawned(Task task, boolean created) {
}

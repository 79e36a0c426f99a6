package dev.baton.core;

import java.util.Comparator;

/** The one order of the queue: priority (0 first), then age (first spawned first), then id. */
public final class QueueOrder {

    public static final Comparator<Task> COMPARATOR = Comparator.comparingInt(Task::priority)
            .thenComparing(Task::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Task::id);

    private QueueOrder() {
    }
}

package dev.baton.app;

import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.util.function.Predicate;

/** Which tasks a listing shows; null fields match everything. */
public record TaskFilter(TaskState state, String assignee, String label) implements Predicate<Task> {

    public static final TaskFilter ALL = new TaskFilter(null, null, null);

    @Override
    public boolean test(Task t) {
        return (state == null || t.state() == state)
                && (assignee == null || assignee.equals(t.assignee()))
                && (label == null || t.labels().contains(label));
    }
}

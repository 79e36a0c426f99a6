package dev.baton.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A board held in memory: the reference model for tests and for replays that start from nothing. */
public final class MemoryBoard implements BoardView {

    private final Map<String, Task> tasks;
    private final Roles roles;

    private MemoryBoard(Map<String, Task> tasks, Roles roles) {
        this.tasks = tasks;
        this.roles = roles;
    }

    public static MemoryBoard empty() {
        return new MemoryBoard(Map.of(), null);
    }

    @Override
    public Optional<Roles> roles() {
        return Optional.ofNullable(roles);
    }

    @Override
    public Optional<Task> task(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(tasks.get(id));
    }

    @Override
    public Optional<Task> taskByKey(String key) {
        return tasks.values().stream().filter(t -> key.equals(t.key())).findFirst();
    }

    @Override
    public List<Task> inState(TaskState state) {
        if (!state.isOpen()) {
            throw new IllegalArgumentException(state + " is not indexed");
        }
        return tasks.values().stream().filter(t -> t.state() == state).sorted(QueueOrder.COMPARATOR).toList();
    }

    public List<Task> all() {
        return tasks.values().stream().sorted(QueueOrder.COMPARATOR).toList();
    }

    /** The board after {@code transition}; this board is unchanged. */
    public MemoryBoard apply(Transition transition) {
        Map<String, Task> next = new HashMap<>(tasks);
        for (Task t : transition.changes()) {
            next.put(t.id(), t);
        }
        return new MemoryBoard(Map.copyOf(next), transition.roles() != null ? transition.roles() : roles);
    }
}

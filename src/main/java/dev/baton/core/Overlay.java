package dev.baton.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A board with some tasks replaced or added: what the board will be once a transition's changes land. */
final class Overlay implements BoardView {

    private final BoardView base;
    private final Map<String, Task> changed = new LinkedHashMap<>();
    private final Map<String, Task> byKey = new java.util.HashMap<>();

    Overlay(BoardView base) {
        this.base = base;
    }

    void put(Task t) {
        changed.put(t.id(), t);
        if (t.key() != null) {
            byKey.put(t.key(), t);
        }
    }

    /** The changed tasks, in the order they were first changed. */
    List<Task> changes() {
        return List.copyOf(changed.values());
    }

    @Override
    public Optional<Task> task(String id) {
        Task t = changed.get(id);
        return t != null ? Optional.of(t) : base.task(id);
    }

    @Override
    public Optional<Roles> roles() {
        return base.roles();
    }

    @Override
    public Optional<Task> taskByKey(String key) {
        Task t = byKey.get(key);
        return t != null ? Optional.of(t) : base.taskByKey(key);
    }

    @Override
    public List<Task> inState(TaskState state) {
        List<Task> out = new ArrayList<>();
        for (Task t : base.inState(state)) {
            if (!changed.containsKey(t.id())) {
                out.add(t);
            }
        }
        for (Task t : changed.values()) {
            if (t.state() == state) {
                out.add(t);
            }
        }
        out.sort(QueueOrder.COMPARATOR);
        return out;
    }
}

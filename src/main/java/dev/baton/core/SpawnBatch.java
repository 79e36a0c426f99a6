package dev.baton.core;

import java.time.Instant;
import java.util.List;

/**
 * Creates many tasks in one transition, all or nothing: each spawn is decided on the board as the earlier ones left
 * it, and the first refusal refuses the whole batch, naming the item (1-based). Items whose key already exists with
 * the same title and spec are skipped.
 */
public record SpawnBatch(List<Spawn> items) implements Command {

    public SpawnBatch {
        items = List.copyOf(items);
    }

    @Override
    public String name() {
        return "spawn-batch";
    }

    @Override
    public String taskId() {
        return items.isEmpty() ? null : items.get(0).id();
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        if (items.isEmpty()) {
            return Rejection.invalid("the batch is empty");
        }
        Overlay next = new Overlay(board);
        int created = 0;
        Task first = null;
        for (int i = 0; i < items.size(); i++) {
            Outcome o = items.get(i).decide(next, actor, now);
            if (o instanceof Rejection r) {
                return new Rejection(r.kind(), "item " + (i + 1) + ": " + r.message());
            }
            if (o instanceof Transition t) {
                t.changes().forEach(next::put);
                created++;
                if (first == null) {
                    first = t.task();
                }
            }
        }
        if (first == null) {
            return new NoChange(board.taskByKey(items.get(0).key()).orElse(null), "every task of the batch exists");
        }
        Event event = new Event(this, actor, now, first.id(), created + " tasks", null, first.state(), first.epoch());
        List<Task> changes = next.changes();
        return new Transition(event, changes);
    }
}

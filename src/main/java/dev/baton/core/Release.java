package dev.baton.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Gives up some (or, with no globs, all) of a task's reservations, by its owner. */
public record Release(String taskId, List<String> globs) implements Command {

    public Release {
        globs = globs == null ? List.of() : List.copyOf(globs);
    }

    @Override
    public String name() {
        return "release";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> {
            if (!t.isOwnedBy(actor) && t.assignee() != null) {
                return Rules.requireOwner(t, actor, "release its reservations").orElseThrow();
            }
            List<Reservation> kept = new ArrayList<>(t.reservations() == null ? List.of() : t.reservations());
            int before = kept.size();
            kept.removeIf(r -> globs.isEmpty() || globs.contains(r.glob()));
            if (kept.size() == before) {
                return new NoChange(t, t.id() + " holds no such reservation");
            }
            return Transition.of(this, actor, now, t, t.edit().reservations(kept).build());
        });
    }
}

package dev.baton.core;

import java.time.Instant;
import java.util.List;

/** Stops a task waiting for a blocker (and lifts the blocked mark that blocker caused). */
public record DepRemove(String taskId, String blocker) implements Command {

    @Override
    public String name() {
        return "dep-rm";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> {
            if (!t.blockers().contains(blocker)) {
                return new NoChange(t, t.id() + " does not wait for " + blocker);
            }
            Task.Builder after = t.edit().removeBlocker(blocker).updatedAt(now);
            if (t.blocked() != null && t.blocked().startsWith(blocker + " ")) {
                after.blocked(null);
            }
            List<Task> more = board.task(blocker).map(b -> List.of(b.edit().removeDependent(taskId).build()))
                    .orElse(List.of());
            return Transition.of(this, actor, now, t, after.build(), more);
        });
    }
}

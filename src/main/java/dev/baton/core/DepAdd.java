package dev.baton.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Makes a task wait for one more blocker. Refused when that would close a cycle, which the message prints. */
public record DepAdd(String taskId, String blocker) implements Command {

    @Override
    public String name() {
        return "dep-add";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> {
            Optional<Task> b = board.task(blocker);
            if (b.isEmpty()) {
                return Rejection.invalid("no task " + blocker + " to wait for");
            }
            if (!t.state().isOpen()) {
                return Rejection.refused(t.id() + " is " + t.state() + "; only an open task can gain a blocker");
            }
            if (t.blockers().contains(blocker)) {
                return new NoChange(t, t.id() + " already waits for " + blocker);
            }
            List<String> cycle = ReadyQueue.cycleIfAdded(board, taskId, blocker);
            if (taskId.equals(blocker) || !cycle.isEmpty()) {
                List<String> shown = cycle.isEmpty() ? List.of(taskId, taskId) : cycle;
                return Rejection.refused("that would make a cycle: " + String.join(" → ", shown));
            }
            Task after = t.edit().addBlocker(blocker).updatedAt(now).build();
            Task bt = b.get();
            if (bt.state() == TaskState.FAILED || bt.state() == TaskState.CANCELLED) {
                Task affected = Cascade.blockerEnded(after, bt, now);
                after = affected == null ? after : affected;
            }
            return Transition.of(this, actor, now, t, after, List.of(bt.edit().addDependent(taskId).build()));
        });
    }
}

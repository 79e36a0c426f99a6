package dev.baton.core;

import java.time.Instant;
import java.util.Optional;

/**
 * Claims the first ready task in queue order (with {@code label}, when given): the decision of which task is next is
 * the state machine's, like every other. It is recorded as the {@link Claim} it decided, so replaying the log replays
 * that claim (which checks again that the task was ready) and the format knows no separate command.
 *
 * @param label        only tasks with this label; null: any
 * @param leaseSeconds the lease the claim grants
 */
public record ClaimNext(String label, long leaseSeconds) implements Command {

    @Override
    public String name() {
        return "claim";
    }

    /** None until decided: the task is what the decision picks. */
    @Override
    public String taskId() {
        return null;
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        Optional<Task> next = ReadyQueue.first(board, label, now);
        if (next.isEmpty()) {
            return Rejection.nothingReady("nothing ready" + (label == null ? "" : " with label " + label));
        }
        return new Claim(next.get().id(), leaseSeconds).rule(board, actor, now);
    }
}

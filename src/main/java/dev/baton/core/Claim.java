package dev.baton.core;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** QUEUED → ASSIGNED to the caller, at a new epoch, with a lease. */
public record Claim(String taskId, long leaseSeconds) implements Command {

    @Override
    public String name() {
        return "claim";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> Decisions.unless(
                alreadyClaimed(t).or(() -> Rules.requireState(t, "be claimed", Set.of(TaskState.QUEUED)))
                        .or(() -> Rules.requireUnblocked(board, t, now)),
                () -> Transition.of(this, actor, now, t, t.edit()
                        .moveTo(TaskState.ASSIGNED, now)
                        .grant(actor, now, Rules.leaseEnd(now, leaseSeconds))
                        .build())));
    }

    /** The refusal contenders see: "already claimed by X (epoch E)". */
    static Optional<Rejection> alreadyClaimed(Task t) {
        if (t.state() == TaskState.ASSIGNED || t.state() == TaskState.WORKING) {
            return Optional.of(Rejection.refused(t.id() + " is already claimed by " + t.assignee()
                    + " (epoch " + t.epoch() + ")"));
        }
        return Optional.empty();
    }
}

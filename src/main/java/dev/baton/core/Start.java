package dev.baton.core;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * ASSIGNED → WORKING by the assignee (renewing the lease at the same epoch); on a QUEUED task it claims and starts in
 * one transition, at a new epoch.
 *
 * @param taskId       the task
 * @param epoch        the epoch the caller holds, or null when it has none to show
 * @param base         the base branch to record when the task has none yet (null keeps the task's)
 * @param leaseSeconds the lease to grant
 */
public record Start(String taskId, Long epoch, String base, long leaseSeconds) implements Command {

    @Override
    public String name() {
        return "start";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> {
            if (t.base() == null && base != null && !BranchNames.isValid(base)) {
                return Rejection.invalid(BranchNames.why(base));
            }
            if (t.state() == TaskState.QUEUED) {
                Optional<Rejection> waiting = Rules.requireUnblocked(board, t, now)
                        .or(() -> t.reservations() == null ? Optional.empty()
                                : Reservations.clash(board, t.id(), t.reservations(), now));
                if (waiting.isPresent()) {
                    return waiting.get();
                }
                return Transition.of(this, actor, now, t, withBase(t.edit())
                        .startedSpecVersion(t.specVersion())
                        .moveTo(TaskState.WORKING, now)
                        .grant(actor, now, Rules.leaseEnd(now, leaseSeconds))
                        .build());
            }
            Optional<Rejection> no = Rules.first(
                    () -> t.state() == TaskState.WORKING && !t.isOwnedBy(actor)
                            ? Claim.alreadyClaimed(t) : Optional.empty(),
                    () -> Rules.requireState(t, "be started", Set.of(TaskState.QUEUED, TaskState.ASSIGNED)),
                    () -> Rules.requireEpoch(t, epoch),
                    () -> Rules.requireOwner(t, actor, "start it"),
                    () -> Rules.requireUnblocked(board, t, now),
                    () -> t.reservations() == null ? Optional.empty()
                            : Reservations.clash(board, t.id(), t.reservations(), now));
            return Decisions.unless(no, () -> Transition.of(this, actor, now, t, withBase(t.edit())
                    .startedSpecVersion(t.specVersion())
                    .moveTo(TaskState.WORKING, now)
                    .leaseUntil(Rules.leaseEnd(now, leaseSeconds))
                    .build()));
        });
    }

    private Task.Builder withBase(Task.Builder b) {
        Task current = b.build();
        return current.base() == null && base != null ? b.base(base) : b;
    }
}

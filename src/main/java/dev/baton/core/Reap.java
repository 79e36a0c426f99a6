package dev.baton.core;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Takes back a task whose owner's lease ran out: ASSIGNED or WORKING → QUEUED at a new epoch (fencing the old owner
 * at once) with attempt + 1, keeping its branch and base for the next owner; or → FAILED, the dead-letter state, once
 * {@code maxAttempts} attempts have been spent. The reaper brings the evidence it judged by, so that replaying the
 * transition needs nothing but the board.
 *
 * @param taskId      the task
 * @param epoch       the epoch whose lease expired (the transition is refused if the task has moved on)
 * @param leaseUntil  when that lease ran out, by the latest heartbeat the reaper saw (never earlier than the board's)
 * @param heartbeats  how many heartbeats the owner sent
 * @param lastNote    the last heartbeat's progress note, if any
 * @param maxAttempts attempts allowed before the task is failed instead of re-queued
 */
public record Reap(String taskId, long epoch, Instant leaseUntil, long heartbeats, String lastNote, int maxAttempts)
        implements Command {

    /** Housekeeping on evidence: anyone on the board may take back an expired lease. */
    @Override
    public Permission permission(BoardView board, String actor) {
        return Permission.anyRole("reap");
    }

    @Override
    public String name() {
        return "reap";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> {
            Optional<Rejection> no = Rules.first(
                    () -> Rules.requireState(t, "be reaped", Set.of(TaskState.ASSIGNED, TaskState.WORKING)),
                    () -> t.epoch() != epoch
                            ? Optional.of(Rejection.refused(t.id() + " is at epoch " + t.epoch() + ", not " + epoch
                                    + "; it changed hands since the lease was judged"))
                            : Optional.empty(),
                    () -> leaseUntil == null || (t.leaseUntil() != null && leaseUntil.isBefore(t.leaseUntil()))
                            ? Optional.of(Rejection.invalid("the lease evidence for " + t.id()
                                    + " is older than the board's lease"))
                            : Optional.empty(),
                    () -> !leaseUntil.isBefore(now)
                            ? Optional.of(Rejection.refused(t.id() + "'s lease runs until " + Rules.clock(leaseUntil)
                                    + "; it has not expired"))
                            : Optional.empty());
            if (no.isPresent()) {
                return no.get();
            }
            String outcome = AttemptRecord.REAPED + " after " + heartbeats + " heartbeat" + (heartbeats == 1 ? "" : "s")
                    + (lastNote == null || lastNote.isBlank() ? "" : ", last note: " + lastNote.strip());
            Task.Builder b = t.edit().endAttempt(outcome, now).leaseUntil(null);
            if (t.attempt() >= maxAttempts) {
                b.moveTo(TaskState.FAILED, now)
                        .reason(outcome + " (attempt " + t.attempt() + " of " + maxAttempts + ")");
            } else {
                b.moveTo(TaskState.QUEUED, now)
                        .assignee(null)
                        .epoch(t.epoch() + 1)
                        .attempt(t.attempt() + 1)
                        .handoff(new Handoff(outcome, null, null, null, null).merge(t.handoff()));
            }
            return Transition.of(this, actor, now, t, b.build());
        });
    }
}

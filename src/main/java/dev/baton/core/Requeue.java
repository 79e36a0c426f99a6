package dev.baton.core;

import java.time.Instant;
import java.util.Set;

/**
 * The owner hands a task back: ASSIGNED or WORKING → QUEUED at a new epoch (so anything still running on the old
 * grant is fenced off), attempt + 1, with a handoff for whoever takes it next. What {@code baton run} does on Ctrl-C.
 */
public record Requeue(String taskId, Long epoch, Handoff handoff) implements Command {

    @Override
    public String name() {
        return "requeue";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> Decisions.unless(
                Rules.first(
                        () -> Rules.requireEpoch(t, epoch),
                        () -> Rules.requireState(t, "be handed back", Set.of(TaskState.ASSIGNED, TaskState.WORKING)),
                        () -> Rules.requireOwner(t, actor, "hand it back")),
                () -> Transition.of(this, actor, now, t, t.edit()
                        .endAttempt("handed back by " + actor
                                + (handoff == null || handoff.summary() == null ? "" : ": " + handoff.summary()), now)
                        .moveTo(TaskState.QUEUED, now)
                        .assignee(null)
                        .epoch(t.epoch() + 1)
                        .attempt(t.attempt() + 1)
                        .leaseUntil(null)
                        .handoff(handoff == null ? t.handoff() : handoff.merge(t.handoff()))
                        .build())));
    }
}

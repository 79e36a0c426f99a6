package dev.baton.core;

import java.time.Instant;
import java.util.Set;

/** WORKING → IN_REVIEW by the assignee, leaving a handoff for the reviewer. */
public record Done(String taskId, Long epoch, Handoff handoff) implements Command {

    @Override
    public String name() {
        return "done";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> Decisions.unless(
                Rules.first(
                        () -> Rules.requireEpoch(t, epoch),
                        () -> Rules.requireState(t, "be marked done", Set.of(TaskState.WORKING)),
                        () -> Rules.requireOwner(t, actor, "mark it done")),
                () -> Transition.of(this, actor, now, t, t.edit()
                        .moveTo(TaskState.IN_REVIEW, now)
                        .leaseUntil(null)
                        .handoff(handoff)
                        .build())));
    }
}

package dev.baton.core;

import java.time.Instant;
import java.util.Set;

/** ASSIGNED or WORKING → FAILED, by the assignee, with a reason (and optionally a handoff). */
public record Fail(String taskId, Long epoch, String reason, Handoff handoff) implements Command {

    @Override
    public String name() {
        return "fail";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> Decisions.unless(
                Rules.first(
                        () -> Rules.requireText(reason, "a failure reason"),
                        () -> TextLimits.reason(reason, "a failure reason"),
                        () -> Rules.requireEpoch(t, epoch),
                        () -> Rules.requireState(t, "fail", Set.of(TaskState.ASSIGNED, TaskState.WORKING)),
                        () -> Rules.requireOwner(t, actor, "fail it")),
                () -> Transition.of(this, actor, now, t, t.edit()
                        .endAttempt("failed: " + reason.strip(), now)
                        .moveTo(TaskState.FAILED, now)
                        .leaseUntil(null)
                        .reason(reason.strip())
                        .handoff(handoff)
                        .build())));
    }
}

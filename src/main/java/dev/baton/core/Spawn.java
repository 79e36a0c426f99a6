package dev.baton.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creates a task: QUEUED, or ASSIGNED (at epoch 1, with a lease) when given an assignee.
 *
 * @param id           the new task's id, chosen by the caller (random) so that replaying gives the same board
 * @param title        one line, not empty
 * @param spec         optional free text
 * @param assignee     optional owner
 * @param priority     0 to 4
 * @param labels       optional labels
 * @param base         optional base branch
 * @param leaseSeconds the lease granted with an assignee
 */
public record Spawn(String id, String title, String spec, String assignee, int priority, List<String> labels,
                    String base, long leaseSeconds) implements Command {

    public Spawn {
        labels = labels == null ? List.of() : labels.stream().distinct().sorted().toList();
    }

    @Override
    public String name() {
        return "spawn";
    }

    @Override
    public String taskId() {
        return id;
    }

    @Override
    public Outcome decide(BoardView board, String actor, Instant now) {
        Optional<Rejection> invalid = Rules.first(
                () -> Rules.requireText(title, "a task title"),
                () -> title.contains("\n") || title.contains("\r")
                        ? Optional.of(Rejection.invalid("a task title is one line; put the rest in --spec"))
                        : Optional.empty(),
                () -> priority < Task.MIN_PRIORITY || priority > Task.MAX_PRIORITY
                        ? Optional.of(Rejection.invalid("priority " + priority + " is out of range; use 0 (most urgent) to 4"))
                        : Optional.empty(),
                () -> TaskIds.isValid(id) ? Optional.empty()
                        : Optional.of(Rejection.invalid("'" + id + "' is not a task id")),
                () -> labels.stream().filter(l -> !Labels.isValid(l)).findFirst()
                        .map(l -> Rejection.invalid("label '" + l + "' is not valid; use letters, digits, '.', '_', '-', '/'")),
                () -> assignee != null && !Actors.isValid(assignee)
                        ? Optional.of(Rejection.invalid("'" + assignee + "' is not a valid agent name"))
                        : Optional.empty(),
                () -> board.task(id).isPresent()
                        ? Optional.of(Rejection.refused("a task " + id + " already exists"))
                        : Optional.empty());
        return Decisions.unless(invalid, () -> {
            Task.Builder b = Task.builder(id, title.strip())
                    .spec(spec == null || spec.isBlank() ? null : spec)
                    .priority(priority)
                    .labels(labels)
                    .base(base)
                    .createdBy(actor)
                    .createdAt(now)
                    .moveTo(TaskState.QUEUED, now);
            if (assignee != null) {
                b.moveTo(TaskState.ASSIGNED, now).grant(assignee, now, Rules.leaseEnd(now, leaseSeconds));
            }
            return Transition.of(this, actor, now, null, b.build());
        });
    }
}

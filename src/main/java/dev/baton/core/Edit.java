package dev.baton.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes an open task's title, spec, priority or labels (null: keep), within the limits of {@link TextLimits}. A
 * new spec bumps the spec version, so the transition that starts work records which version it used.
 */
public record Edit(String taskId, String title, String spec, Integer priority, List<String> labels) implements Command {

    @Override
    public String name() {
        return "edit";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> {
            Optional<Rejection> no = Rules.first(
                    () -> !t.state().isOpen()
                            ? Optional.of(Rejection.refused(t.id() + " is " + t.state() + "; only an open task can be edited"))
                            : Optional.empty(),
                    () -> title != null && title.isBlank()
                            ? Optional.of(Rejection.invalid("a task title must not be empty"))
                            : Optional.empty(),
                    () -> title != null ? TextLimits.title(title) : Optional.empty(),
                    () -> TextLimits.spec(spec),
                    () -> priority != null && (priority < Task.MIN_PRIORITY || priority > Task.MAX_PRIORITY)
                            ? Optional.of(Rejection.invalid("priority " + priority + " is out of range; use 0 (most urgent) to 4"))
                            : Optional.empty(),
                    () -> TextLimits.labels(labels));
            if (no.isPresent()) {
                return no.get();
            }
            Task.Builder b = t.edit().updatedAt(now);
            if (title != null) {
                b.title(title.strip());
            }
            String newSpec = spec == null ? t.spec() : (spec.isBlank() ? null : spec);
            if (spec != null && !Objects.equals(newSpec, t.spec())) {
                b.spec(newSpec).specVersion(t.specVersion() + 1);
            }
            if (priority != null) {
                b.priority(priority);
            }
            if (labels != null) {
                b.labels(labels.stream().distinct().sorted().toList());
            }
            Task after = b.build();
            if (after.equals(t.edit().updatedAt(now).build())) {
                return new NoChange(t, "nothing to change");
            }
            return Transition.of(this, actor, now, t, after);
        });
    }
}

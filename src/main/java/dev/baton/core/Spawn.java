package dev.baton.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates a task: QUEUED, or ASSIGNED (at epoch 1, with a lease) when given an assignee. It may wait for blockers
 * ({@code after}), belong to an epic ({@code parent}), and carry an idempotency key: a second spawn with the same key
 * and the same title and spec changes nothing; with a different title or spec it is refused.
 *
 * @param id            the new task's id, chosen by the caller (random) so that replaying gives the same board
 * @param title         one line, not empty, no control character, at most 200 characters ({@link TextLimits})
 * @param spec          optional free text, no control character but tab and line breaks, at most 1 MiB
 * @param assignee      optional owner
 * @param priority      0 to 4
 * @param labels        optional labels, at most 32
 * @param base          optional base branch: a name git accepts for a branch ({@link BranchNames})
 * @param leaseSeconds  the lease granted with an assignee
 * @param after         tasks to wait for
 * @param parent        the epic
 * @param key           idempotency key
 * @param onBlockerFail what to do when a blocker ends FAILED or CANCELLED (null: WAIT)
 * @param reserve       paths the task will hold exclusively while WORKING (checked now and again at start)
 */
public record Spawn(String id, String title, String spec, String assignee, int priority, List<String> labels,
                    String base, long leaseSeconds, List<String> after, String parent, String key,
                    BlockerPolicy onBlockerFail, List<String> reserve) implements Command {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e][\\x20-\\x7e]{0,199}");

    public Spawn {
        labels = labels == null ? List.of() : labels.stream().distinct().sorted().toList();
        after = after == null ? List.of() : after.stream().distinct().sorted().toList();
        reserve = reserve == null ? List.of() : reserve.stream().distinct().sorted().toList();
    }

    /** A spawn that reserves no paths. */
    public Spawn(String id, String title, String spec, String assignee, int priority, List<String> labels,
                 String base, long leaseSeconds, List<String> after, String parent, String key,
                 BlockerPolicy onBlockerFail) {
        this(id, title, spec, assignee, priority, labels, base, leaseSeconds, after, parent, key, onBlockerFail,
                List.of());
    }

    /** A spawn with no dependencies, epic or key. */
    public Spawn(String id, String title, String spec, String assignee, int priority, List<String> labels,
                 String base, long leaseSeconds) {
        this(id, title, spec, assignee, priority, labels, base, leaseSeconds, List.of(), null, null, null, List.of());
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
    public Outcome rule(BoardView board, String actor, Instant now) {
        if (key != null && KEY.matcher(key).matches()) {
            Optional<Task> existing = board.taskByKey(key);
            if (existing.isPresent()) {
                Task e = existing.get();
                if (e.title().equals(title == null ? null : title.strip()) && Objects.equals(e.spec(), normSpec())) {
                    return new NoChange(e, "a task with key " + key + " exists: " + e.id());
                }
                return Rejection.refused("key '" + key + "' already belongs to " + e.id() + " (\"" + e.title()
                        + "\") with a different title or spec; use another key");
            }
        }
        Optional<Rejection> invalid = Rules.first(
                () -> Rules.requireText(title, "a task title"),
                () -> TextLimits.title(title),
                () -> TextLimits.spec(spec),
                () -> priority < Task.MIN_PRIORITY || priority > Task.MAX_PRIORITY
                        ? Optional.of(Rejection.invalid("priority " + priority + " is out of range; use 0 (most urgent) to 4"))
                        : Optional.empty(),
                () -> TaskIds.isValid(id) ? Optional.empty()
                        : Optional.of(Rejection.invalid("'" + id + "' is not a task id")),
                () -> TextLimits.labels(labels),
                () -> base != null && !BranchNames.isValid(base)
                        ? Optional.of(Rejection.invalid(BranchNames.why(base)))
                        : Optional.empty(),
                () -> assignee != null && !Actors.isValid(assignee)
                        ? Optional.of(Rejection.invalid("'" + TextLimits.printable(assignee)
                                + "' is not a valid agent name"))
                        : Optional.empty(),
                () -> key != null && !KEY.matcher(key).matches()
                        ? Optional.of(Rejection.invalid("a key is 1 to 200 printable ASCII characters"))
                        : Optional.empty(),
                () -> after.stream().filter(b -> board.task(b).isEmpty()).findFirst()
                        .map(b -> Rejection.invalid("no task " + b + " to wait for")),
                () -> parent != null && board.task(parent).filter(p -> p.state().isOpen()).isEmpty()
                        ? Optional.of(Rejection.invalid("no open task " + parent + " to be the epic"))
                        : Optional.empty(),
                () -> reserve.stream().map(Globs::invalid).flatMap(Optional::stream).findFirst().map(Rejection::invalid),
                () -> Reservations.clash(board, id, reservations(), now),
                () -> board.task(id).isPresent()
                        ? Optional.of(Rejection.refused("a task " + id + " already exists"))
                        : Optional.empty());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Task.Builder b = Task.builder(id, title.strip())
                .spec(normSpec())
                .priority(priority)
                .labels(labels)
                .base(base)
                .createdBy(actor)
                .createdAt(now)
                .after(after)
                .parent(parent)
                .key(key)
                .onBlockerFail(onBlockerFail)
                .reservations(reservations())
                .moveTo(TaskState.QUEUED, now);
        if (assignee != null) {
            b.moveTo(TaskState.ASSIGNED, now).grant(assignee, now, Rules.leaseEnd(now, leaseSeconds));
        }
        Task task = b.build();
        List<Task> more = new ArrayList<>();
        for (String blocker : after) {
            Task bt = board.task(blocker).orElseThrow();
            more.add(bt.edit().addDependent(id).build());
            if (bt.state() == TaskState.FAILED || bt.state() == TaskState.CANCELLED) {
                Task affected = Cascade.blockerEnded(task, bt, now);
                task = affected == null ? task : affected;
            }
        }
        if (parent != null) {
            more.add(board.task(parent).orElseThrow().edit().addChild(id).build());
        }
        return Transition.of(this, actor, now, null, task, more);
    }

    private List<Reservation> reservations() {
        return reserve.stream().map(g -> new Reservation(g, false, null)).toList();
    }

    private String normSpec() {
        return spec == null || spec.isBlank() ? null : spec;
    }
}

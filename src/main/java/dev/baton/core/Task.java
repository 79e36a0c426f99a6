package dev.baton.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One task as it stands on the board: an immutable value. A transition makes a new record with {@link #edit()}.
 *
 * @param id           the task id, {@code T-} followed by lower-case base-32 characters
 * @param title        one line
 * @param spec         free text (Markdown), may be null
 * @param state        where the task is in its life
 * @param assignee     the owner; null while QUEUED
 * @param epoch        fencing token: grows by one at every grant of ownership and at every reclaim
 * @param priority     0 (most urgent) to 4
 * @param labels       sorted, distinct
 * @param base         the branch the task's work starts from and merges into; null until start decides it
 * @param attempt      1 for the first attempt; retry adds one
 * @param createdBy    the actor that spawned the task
 * @param createdAt    when it was spawned
 * @param updatedAt    when its last transition happened
 * @param grantedAt    when the current epoch was granted (claim, start on QUEUED, spawn with an assignee)
 * @param leaseUntil   while ASSIGNED or WORKING: when the owner's lease runs out unless renewed
 * @param reason       the last reject, fail or cancel reason
 * @param handoff      the last handoff (done, fail, reject)
 * @param mergedCommit the commit the base pointed at after merge
 * @param history      how earlier attempts ended (lease expired, failed), oldest first
 * @param after        the tasks this one waits for (its blockers): it is ready once each is COMPLETED
 * @param dependents   the tasks that wait for this one (the reverse of their {@code after})
 * @param parent       the epic this task belongs to
 * @param children     the tasks of this epic
 * @param key          the idempotency key it was spawned with
 * @param specVersion  1 at spawn; each edit of the spec adds one
 * @param startedSpecVersion the spec version in force when work last started
 * @param onBlockerFail what happens when a blocker ends FAILED or CANCELLED
 * @param blocked      why the task cannot go on (a blocker ended FAILED or CANCELLED), or null
 * @param reservations the paths the task reserves (in force while it is WORKING)
 * @param notBefore    a retried task is not ready before this time (backoff between attempts), or null
 */
public record Task(
        String id,
        String title,
        String spec,
        TaskState state,
        String assignee,
        long epoch,
        int priority,
        List<String> labels,
        String base,
        int attempt,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant grantedAt,
        Instant leaseUntil,
        String reason,
        Handoff handoff,
        String mergedCommit,
        List<AttemptRecord> history,
        List<String> after,
        List<String> dependents,
        String parent,
        List<String> children,
        String key,
        int specVersion,
        Integer startedSpecVersion,
        BlockerPolicy onBlockerFail,
        String blocked,
        List<Reservation> reservations,
        Instant notBefore) {

    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 4;
    public static final int DEFAULT_PRIORITY = 2;

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        labels = labels == null ? List.of() : List.copyOf(labels);
        history = history == null || history.isEmpty() ? null : List.copyOf(history);
        after = after == null || after.isEmpty() ? null : List.copyOf(after);
        dependents = dependents == null || dependents.isEmpty() ? null : List.copyOf(dependents);
        children = children == null || children.isEmpty() ? null : List.copyOf(children);
        onBlockerFail = onBlockerFail == BlockerPolicy.WAIT ? null : onBlockerFail;
        reservations = reservations == null || reservations.isEmpty() ? null : List.copyOf(reservations);
        if (handoff != null && handoff.isEmpty()) {
            handoff = null;
        }
    }

    public boolean isOwnedBy(String actor) {
        return assignee != null && assignee.equals(actor);
    }

    /** The blockers, never null. */
    public List<String> blockers() {
        return after == null ? List.of() : after;
    }

    /** The dependents, never null. */
    public List<String> waiters() {
        return dependents == null ? List.of() : dependents;
    }

    /** The children of this epic, never null. */
    public List<String> subtasks() {
        return children == null ? List.of() : children;
    }

    public boolean isEpic() {
        return children != null;
    }

    /** The policy in force (WAIT when none was given). */
    public BlockerPolicy blockerPolicy() {
        return onBlockerFail == null ? BlockerPolicy.WAIT : onBlockerFail;
    }

    public Builder edit() {
        return new Builder(this);
    }

    public static Builder builder(String id, String title) {
        Builder b = new Builder();
        b.id = id;
        b.title = title;
        return b;
    }

    /** A mutable copy used only while one transition computes the next record. */
    public static final class Builder {
        private String id;
        private String title;
        private String spec;
        private TaskState state = TaskState.QUEUED;
        private String assignee;
        private long epoch;
        private int priority = DEFAULT_PRIORITY;
        private List<String> labels = List.of();
        private String base;
        private int attempt = 1;
        private String createdBy;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant grantedAt;
        private Instant leaseUntil;
        private String reason;
        private Handoff handoff;
        private String mergedCommit;
        private List<AttemptRecord> history;
        private List<String> after;
        private List<String> dependents;
        private String parent;
        private List<String> children;
        private String key;
        private int specVersion = 1;
        private Integer startedSpecVersion;
        private BlockerPolicy onBlockerFail;
        private String blocked;
        private List<Reservation> reservations;
        private Instant notBefore;

        private Builder() {
        }

        private Builder(Task t) {
            id = t.id;
            title = t.title;
            spec = t.spec;
            state = t.state;
            assignee = t.assignee;
            epoch = t.epoch;
            priority = t.priority;
            labels = t.labels;
            base = t.base;
            attempt = t.attempt;
            createdBy = t.createdBy;
            createdAt = t.createdAt;
            updatedAt = t.updatedAt;
            grantedAt = t.grantedAt;
            leaseUntil = t.leaseUntil;
            reason = t.reason;
            handoff = t.handoff;
            mergedCommit = t.mergedCommit;
            history = t.history;
            after = t.after;
            dependents = t.dependents;
            parent = t.parent;
            children = t.children;
            key = t.key;
            specVersion = t.specVersion;
            startedSpecVersion = t.startedSpecVersion;
            onBlockerFail = t.onBlockerFail;
            blocked = t.blocked;
            reservations = t.reservations;
            notBefore = t.notBefore;
        }

        public Builder spec(String v) { spec = v; return this; }
        public Builder state(TaskState v) { state = v; return this; }
        public Builder assignee(String v) { assignee = v; return this; }
        public Builder epoch(long v) { epoch = v; return this; }
        public Builder priority(int v) { priority = v; return this; }
        public Builder labels(List<String> v) { labels = v; return this; }
        public Builder base(String v) { base = v; return this; }
        public Builder attempt(int v) { attempt = v; return this; }
        public Builder createdBy(String v) { createdBy = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder grantedAt(Instant v) { grantedAt = v; return this; }
        public Builder leaseUntil(Instant v) { leaseUntil = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder handoff(Handoff v) { handoff = v; return this; }
        public Builder mergedCommit(String v) { mergedCommit = v; return this; }

        public Builder title(String v) { title = v; return this; }
        public Builder after(List<String> v) { after = v; return this; }
        public Builder parent(String v) { parent = v; return this; }
        public Builder key(String v) { key = v; return this; }
        public Builder specVersion(int v) { specVersion = v; return this; }
        public Builder startedSpecVersion(Integer v) { startedSpecVersion = v; return this; }
        public Builder onBlockerFail(BlockerPolicy v) { onBlockerFail = v; return this; }
        public Builder blocked(String v) { blocked = v; return this; }
        public Builder reservations(List<Reservation> v) { reservations = v; return this; }
        public Builder notBefore(Instant v) { notBefore = v; return this; }

        public Builder addDependent(String id) {
            dependents = plus(dependents, id);
            return this;
        }

        public Builder removeDependent(String id) {
            dependents = minus(dependents, id);
            return this;
        }

        public Builder addChild(String id) {
            children = plus(children, id);
            return this;
        }

        public Builder addBlocker(String id) {
            after = plus(after, id);
            return this;
        }

        public Builder removeBlocker(String id) {
            after = minus(after, id);
            return this;
        }

        private static List<String> plus(List<String> list, String id) {
            java.util.TreeSet<String> s = new java.util.TreeSet<>(list == null ? List.of() : list);
            s.add(id);
            return List.copyOf(s);
        }

        private static List<String> minus(List<String> list, String id) {
            java.util.TreeSet<String> s = new java.util.TreeSet<>(list == null ? List.of() : list);
            s.remove(id);
            return List.copyOf(s);
        }

        /** Records how the current attempt ended. */
        public Builder endAttempt(String outcome, Instant at) {
            List<AttemptRecord> h = new java.util.ArrayList<>(history == null ? List.of() : history);
            h.add(new AttemptRecord(attempt, assignee, epoch, outcome, at));
            history = h;
            return this;
        }

        /** Moves the task to {@code next} at {@code now}. */
        public Builder moveTo(TaskState next, Instant now) {
            state = next;
            updatedAt = now;
            return this;
        }

        /** Grants ownership to {@code owner} at a new epoch with a lease running until {@code until}. */
        public Builder grant(String owner, Instant now, Instant until) {
            assignee = owner;
            epoch = epoch + 1;
            grantedAt = now;
            leaseUntil = until;
            return this;
        }

        public Task build() {
            return new Task(id, title, spec, state, assignee, epoch, priority, labels, base, attempt, createdBy,
                    createdAt, updatedAt, grantedAt, leaseUntil, reason, handoff, mergedCommit, history, after, dependents,
                    parent, children, key, specVersion, startedSpecVersion, onBlockerFail, blocked, reservations, notBefore);
        }
    }
}

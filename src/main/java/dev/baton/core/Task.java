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
        List<AttemptRecord> history) {

    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 4;
    public static final int DEFAULT_PRIORITY = 2;

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        labels = labels == null ? List.of() : List.copyOf(labels);
        history = history == null || history.isEmpty() ? null : List.copyOf(history);
        if (handoff != null && handoff.isEmpty()) {
            handoff = null;
        }
    }

    public boolean isOwnedBy(String actor) {
        return assignee != null && assignee.equals(actor);
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
                    createdAt, updatedAt, grantedAt, leaseUntil, reason, handoff, mergedCommit, history);
        }
    }
}

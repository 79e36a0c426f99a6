package dev.baton.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/** The checks several commands share, each returning the rejection to give or empty when the check passes. */
final class Rules {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Rules() {
    }

    static String clock(Instant t) {
        return t == null ? "?" : HH_MM.format(t);
    }

    /** "T-4k2p is WORKING, owned by agent-a since 12:01Z" or "T-4k2p is QUEUED". */
    static String describe(Task t) {
        StringBuilder sb = new StringBuilder(t.id()).append(" is ").append(t.state());
        if (t.assignee() != null && !t.state().isTerminal()) {
            sb.append(", owned by ").append(t.assignee()).append(" since ").append(clock(t.updatedAt()));
        }
        return sb.toString();
    }

    static Optional<Rejection> requireState(Task t, String verb, Set<TaskState> allowed) {
        if (allowed.contains(t.state())) {
            return Optional.empty();
        }
        return Optional.of(Rejection.refused(describe(t) + "; only a task that is " + join(allowed) + " can " + verb));
    }

    /** The fencing check: an owner's write must carry the epoch it holds, and that epoch must be current. */
    static Optional<Rejection> requireEpoch(Task t, Long claimed) {
        if (claimed == null || claimed == t.epoch()) {
            return Optional.empty();
        }
        if (claimed > t.epoch()) {
            return Optional.of(Rejection.invalid("epoch " + claimed + " is ahead of " + t.id() + "'s epoch "
                    + t.epoch() + "; pass the epoch your claim returned"));
        }
        String since = t.assignee() != null
                ? "reclaimed by " + t.assignee() + " at " + clock(t.grantedAt())
                : "re-queued at " + clock(t.updatedAt());
        return Optional.of(Rejection.refused("lease lost: you hold epoch " + claimed + ", the task is at epoch "
                + t.epoch() + " (" + since + "); " + t.id() + " is no longer yours"));
    }

    static Optional<Rejection> requireOwner(Task t, String actor, String verb) {
        if (t.isOwnedBy(actor)) {
            return Optional.empty();
        }
        return Optional.of(Rejection.refused(describe(t) + "; only " + t.assignee() + " can " + verb));
    }

    static Optional<Rejection> requireNotOwner(Task t, String actor, String verb) {
        if (!t.isOwnedBy(actor)) {
            return Optional.empty();
        }
        return Optional.of(Rejection.refused(t.id() + " is assigned to you (" + actor + "); someone else must "
                + verb + " it"));
    }

    /** A task may be claimed or started only once its blockers are done. */
    static Optional<Rejection> requireUnblocked(BoardView board, Task t, Instant now) {
        return ReadyQueue.waitingFor(board, t, now).map(why -> Rejection.refused(t.id() + " cannot start yet: " + why));
    }

    static Optional<Rejection> requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            return Optional.of(Rejection.invalid(what + " must not be empty"));
        }
        return Optional.empty();
    }

    static Instant leaseEnd(Instant now, long leaseSeconds) {
        return now.plus(Duration.ofSeconds(leaseSeconds));
    }

    private static String join(Set<TaskState> states) {
        return String.join(" or ", states.stream().sorted().map(Enum::name).toList());
    }

    /** Runs the checks in order and gives the first rejection. */
    @SafeVarargs
    static Optional<Rejection> first(java.util.function.Supplier<Optional<Rejection>>... checks) {
        for (var c : checks) {
            Optional<Rejection> r = c.get();
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }
}

package dev.baton.core;

import java.util.List;

import java.time.Instant;

/**
 * The liveness of one grant, kept off the board (one small ref per task, overwritten by each heartbeat) so that
 * heartbeats do not grow the board's history.
 *
 * @param taskId     the task
 * @param agent      the owner
 * @param epoch      the epoch the lease belongs to; a lease of an older epoch counts for nothing
 * @param expiresAt  when it runs out unless renewed
 * @param heartbeats how many heartbeats renewed it
 * @param note       the last progress note
 * @param renewedAt  when the last heartbeat came
 */
public record Lease(String taskId, String agent, long epoch, Instant expiresAt, long heartbeats, String note,
                    Instant renewedAt) {

    /**
     * Renews the lease of {@code task} for its owner: the pure rule behind {@code baton heartbeat}. The caller must
     * own the task, hold its current epoch, and the task must be ASSIGNED or WORKING.
     *
     * @param current the lease as last written, or null
     */
    public static Outcome renew(Task task, String actor, Long epoch, Lease current, String note, Instant now,
                                long leaseSeconds) {
        var no = Rules.first(
                () -> Rules.requireEpoch(task, epoch),
                () -> Rules.requireState(task, "be heartbeaten",
                        java.util.Set.of(TaskState.ASSIGNED, TaskState.WORKING)),
                () -> Rules.requireOwner(task, actor, "renew its lease"));
        if (no.isPresent()) {
            return no.get();
        }
        long count = current != null && current.epoch() == task.epoch() ? current.heartbeats() : 0;
        String keptNote = note != null && !note.isBlank() ? note.strip()
                : current != null && current.epoch() == task.epoch() ? current.note() : null;
        return new Renewal(new Lease(task.id(), actor, task.epoch(), Rules.leaseEnd(now, leaseSeconds), count + 1,
                keptNote, now));
    }

    /**
     * Whether {@code actor}, which held {@code task} at epoch {@code held} (null: whatever epoch it holds), lost it to
     * someone else or to the reaper, rather than finished with it: what a refused heartbeat tells its caller.
     */
    public static boolean lostBy(Task task, String actor, Long held) {
        if (!task.isOwnedBy(actor) || (held != null && held != task.epoch()) || task.state() == TaskState.QUEUED) {
            return true;
        }
        List<AttemptRecord> history = task.history();
        return task.state() == TaskState.FAILED && history != null && !history.isEmpty()
                && history.get(history.size() - 1).reaped() && history.get(history.size() - 1).epoch() == task.epoch();
    }

    /**
     * The attempt of {@code actor} on {@code task} that the reaper ended, when that is why its heartbeat was refused:
     * its last attempt was reaped and the task is QUEUED or FAILED since (once someone holds it again, the refusal
     * that names them says more); empty otherwise.
     *
     * @param held the epoch the actor holds, or null when it did not say
     */
    public static java.util.Optional<AttemptRecord> reapedFrom(Task task, String actor, Long held) {
        List<AttemptRecord> history = task.history();
        if (history == null || history.isEmpty()) {
            return java.util.Optional.empty();
        }
        AttemptRecord last = history.get(history.size() - 1);
        if (!last.reaped() || !actor.equals(last.agent()) || (held != null && held != last.epoch())
                || (task.state() != TaskState.QUEUED && task.state() != TaskState.FAILED)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(last);
    }

    /**
     * What to tell the owner of {@code reaped} ({@link #reapedFrom}): when its lease ran out ({@code ranOut}, the
     * reaper's evidence, or null when it is not known) and the task was reaped, and what to do now.
     */
    public static String reapedMessage(Task task, AttemptRecord reaped, Instant ranOut) {
        String head = "lease lost: your lease on " + task.id() + " ran out"
                + (ranOut == null ? "" : " at " + Rules.clock(ranOut)) + " and the task was reaped at "
                + Rules.clock(reaped.at()) + "; ";
        return head + (task.state() == TaskState.QUEUED
                ? "it is queued again (attempt " + task.attempt() + "): `baton claim " + task.id() + "` to take it back"
                : "it has FAILED, its attempts used up: `baton retry " + task.id() + "` queues it again");
    }

    /** When the lease of {@code task} runs out, given the heartbeat lease the reaper found (may be null). */
    public static Instant effectiveExpiry(Task task, Lease seen) {
        Instant board = task.leaseUntil();
        if (seen == null || seen.epoch() != task.epoch() || !seen.agent().equals(task.assignee())) {
            return board;
        }
        return board == null || seen.expiresAt().isAfter(board) ? seen.expiresAt() : board;
    }
}

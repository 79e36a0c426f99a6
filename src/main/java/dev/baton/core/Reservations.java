package dev.baton.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The reservations in force on a board: those of WORKING tasks that have not lapsed. */
public final class Reservations {

    private Reservations() {
    }

    /** The first conflict between {@code wanted} (for task {@code taskId}) and what other WORKING tasks hold. */
    public static Optional<Rejection> clash(BoardView board, String taskId, List<Reservation> wanted, Instant now) {
        if (wanted == null || wanted.isEmpty()) {
            return Optional.empty(); // nothing to clash with, so no need to read the WORKING tasks
        }
        for (Task other : board.inState(TaskState.WORKING)) {
            if (other.id().equals(taskId) || other.reservations() == null) {
                continue;
            }
            for (Reservation held : other.reservations()) {
                if (!held.activeAt(now)) {
                    continue;
                }
                for (Reservation w : wanted) {
                    if (w.conflictsWith(held)) {
                        return Optional.of(Rejection.refused("'" + w.glob() + "' overlaps '" + held.glob()
                                + "', reserved " + (held.shared() ? "shared" : "exclusively") + " by " + other.id()
                                + " (" + other.assignee() + "); wait for it or agree on other paths"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The task (other than {@code taskId}) holding an exclusive reservation on {@code path}, with the glob. */
    public static Optional<String> exclusiveHolder(BoardView board, String taskId, String path, Instant now) {
        for (Task other : board.inState(TaskState.WORKING)) {
            if (other.id().equals(taskId) || other.reservations() == null) {
                continue;
            }
            for (Reservation r : other.reservations()) {
                if (!r.shared() && r.activeAt(now) && Globs.matches(r.glob(), path)) {
                    return Optional.of(path + " is reserved by " + other.id() + " (" + other.assignee() + ") as '"
                            + r.glob() + "'");
                }
            }
        }
        return Optional.empty();
    }
}

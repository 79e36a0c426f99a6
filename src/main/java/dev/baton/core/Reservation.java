package dev.baton.core;

import java.time.Instant;

/**
 * An advisory lease on files: a glob a task holds while it is WORKING, exclusively (no other task may hold an
 * overlapping one, or commit to matching paths) or shared (others may share it, none may hold it exclusively).
 *
 * @param glob   {@code src/api/**}, {@code docs/*.md}, or a plain path or directory
 * @param shared whether others may hold it too
 * @param until  when it lapses on its own, or null to last while the task is WORKING
 */
public record Reservation(String glob, boolean shared, Instant until) {

    public boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }

    /** Whether this reservation and {@code other} cannot both be held by different tasks. */
    public boolean conflictsWith(Reservation other) {
        return !(shared && other.shared) && Globs.overlap(glob, other.glob);
    }
}

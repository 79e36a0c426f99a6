package dev.baton.core;

import java.time.Instant;

/**
 * How one attempt at a task ended, kept on the task so a dead letter shows its history.
 *
 * @param attempt the attempt number (1 for the first)
 * @param agent   who held the task
 * @param epoch   the epoch it held
 * @param outcome what ended it: "lease expired after 4 heartbeats, last note: ..." or "failed: ..."
 * @param at      when
 */
public record AttemptRecord(int attempt, String agent, long epoch, String outcome, Instant at) {

    /** How the outcome of an attempt that the reaper ended begins: part of the recorded format. */
    public static final String REAPED = "lease expired";

    /** Whether the reaper ended this attempt (its owner's lease ran out). */
    public boolean reaped() {
        return outcome != null && outcome.startsWith(REAPED);
    }
}

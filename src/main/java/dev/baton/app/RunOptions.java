package dev.baton.app;

import java.time.Duration;
import java.util.List;

/**
 * How {@code baton run} supervises one attempt.
 *
 * @param command  the agent's command and arguments
 * @param timeout  the most one attempt may take, or null for no limit
 * @param lease    the lease to hold (null: baton.lease)
 * @param grace    how long a stopped command gets between SIGTERM and SIGKILL
 * @param commit   commit what the command left uncommitted before `done` (false: refuse instead)
 * @param backoff  the wait before a failed attempt's task is ready again; doubles with each attempt
 */
public record RunOptions(List<String> command, Duration timeout, Duration lease, Duration grace, boolean commit,
                         Duration backoff) {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(30);
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    public RunOptions {
        command = List.copyOf(command);
        grace = grace == null ? DEFAULT_GRACE : grace;
        backoff = backoff == null ? DEFAULT_BACKOFF : backoff;
    }

    /** The wait after attempt {@code attempt} failed: backoff, 2×backoff, 4×backoff, ... capped at 10 minutes. */
    public Duration backoffAfter(int attempt) {
        Duration d = backoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 16));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}

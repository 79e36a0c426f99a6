package dev.baton.app;

import dev.baton.BatonException;
import java.time.Duration;
import org.eclipse.jgit.lib.Config;

/**
 * baton's settings from git config ({@code baton.*}), with their defaults.
 *
 * @param lease       how long a claim or heartbeat holds a task ({@code baton.lease}, default 15m)
 * @param maxAttempts attempts before an expired task goes to FAILED instead of back to QUEUED
 *                    ({@code baton.maxAttempts}, default 3)
 */
public record Settings(Duration lease, int maxAttempts) {

    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public static Settings from(Config config) {
        String lease = config.getString("baton", null, "lease");
        Duration parsed;
        try {
            parsed = lease == null ? DEFAULT_LEASE : Durations.parse(lease);
        } catch (IllegalArgumentException e) {
            throw BatonException.usage("git config baton.lease: " + e.getMessage());
        }
        int max;
        try {
            max = config.getInt("baton", "maxAttempts", DEFAULT_MAX_ATTEMPTS);
        } catch (IllegalArgumentException e) {
            throw BatonException.usage("git config baton.maxAttempts must be a whole number");
        }
        if (max < 1) {
            throw BatonException.usage("git config baton.maxAttempts must be at least 1");
        }
        return new Settings(parsed, max);
    }
}

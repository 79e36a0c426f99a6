package dev.baton.app;

import dev.baton.BatonException;
import java.time.Duration;
import org.eclipse.jgit.lib.Config;

/** baton's settings from git config ({@code baton.*}), with their defaults. */
public record Settings(Duration lease) {

    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);

    public static Settings from(Config config) {
        String lease = config.getString("baton", null, "lease");
        try {
            return new Settings(lease == null ? DEFAULT_LEASE : Durations.parse(lease));
        } catch (IllegalArgumentException e) {
            throw BatonException.usage("git config baton.lease: " + e.getMessage());
        }
    }
}

package dev.baton.app;

import dev.baton.core.BlockerPolicy;
import java.time.Duration;
import java.util.List;

/** What a spawn asks for; the id is drawn when it is decided. Null fields take the board's defaults. */
public record SpawnRequest(String title, String spec, String assignee, int priority, List<String> labels,
                           String base, Duration lease, List<String> after, String parent, String key,
                           BlockerPolicy onBlockerFail, List<String> reserve) {

    /** The default priority of a task. */
    public static final int DEFAULT_PRIORITY = 2;

    public SpawnRequest(String title, String spec, String assignee, int priority, List<String> labels,
                        String base, Duration lease) {
        this(title, spec, assignee, priority, labels, base, lease, List.of(), null, null, null, List.of());
    }

    public SpawnRequest(String title, String spec, String assignee, int priority, List<String> labels,
                        String base, Duration lease, List<String> after, String parent, String key,
                        BlockerPolicy onBlockerFail) {
        this(title, spec, assignee, priority, labels, base, lease, after, parent, key, onBlockerFail, List.of());
    }

    /** A task with this title and nothing else said: no spec, nobody assigned, the default priority, no labels. */
    public static SpawnRequest of(String title) {
        return new SpawnRequest(title, null, null, DEFAULT_PRIORITY, List.of(), null, null);
    }

    public SpawnRequest withSpec(String text) {
        return new SpawnRequest(title, text, assignee, priority, labels, base, lease, after, parent, key,
                onBlockerFail, reserve);
    }

    public SpawnRequest withPriority(int value) {
        return new SpawnRequest(title, spec, assignee, value, labels, base, lease, after, parent, key,
                onBlockerFail, reserve);
    }

    public SpawnRequest withLabels(List<String> value) {
        return new SpawnRequest(title, spec, assignee, priority, value, base, lease, after, parent, key,
                onBlockerFail, reserve);
    }

    public SpawnRequest withBase(String value) {
        return new SpawnRequest(title, spec, assignee, priority, labels, value, lease, after, parent, key,
                onBlockerFail, reserve);
    }

    public SpawnRequest withAssignee(String value) {
        return new SpawnRequest(title, spec, value, priority, labels, base, lease, after, parent, key,
                onBlockerFail, reserve);
    }
}

package dev.baton.cli;

import dev.baton.core.Task;
import java.time.Duration;
import java.time.Instant;

/** Tasks as lines and blocks for people. */
final class TaskText {

    private TaskText() {
    }

    /** "T-4k2p9x7a  WORKING    agent-a       p2  Implement login  [backend]" */
    static String line(Task t) {
        return String.format("%-10s  %-9s  %-14s p%d  %s%s", t.id(), t.state(), t.assignee() == null ? "-" : t.assignee(),
                t.priority(), t.title(), t.labels().isEmpty() ? "" : "  [" + String.join(", ", t.labels()) + "]");
    }

    /** How long ago, shortly: "3m", "2h5m". */
    static String age(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        return dev.baton.app.Durations.format(Duration.between(then, now));
    }

    static String truncate(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        return width <= 1 ? s.substring(0, width) : s.substring(0, width - 1) + "…";
    }
}

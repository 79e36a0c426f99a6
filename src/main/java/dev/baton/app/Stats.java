package dev.baton.app;

import dev.baton.store.LoggedEvent;
import dev.baton.core.BoardStats;
import dev.baton.core.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code baton stats}: figures computed from the board's history (see {@link BoardStats}). */
public final class Stats {

    private Stats() {
    }

    /** The figures for the window ending now and reaching back {@code window} (null: the whole history). */
    public static BoardStats of(Session c, Duration window) {
        List<LoggedEvent> newestFirst = c.board().log(null, 0);
        List<Event> events = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Event e = newestFirst.get(i).event();
            if (e != null) {
                events.add(e);
            }
        }
        Instant now = c.now();
        return BoardStats.compute(events, c.board().open(), window == null ? null : now.minus(window), now);
    }
}

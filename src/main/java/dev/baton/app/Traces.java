package dev.baton.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Everything recorded under one correlation id: board transitions and messages on every channel. */
public final class Traces {

    private Traces() {
    }

    /** The transitions and messages carrying {@code trace}, oldest first. */
    public static List<Watcher.Item> find(Session c, String trace) {
        List<Watcher.Item> board = new ArrayList<>();
        c.refreshBoard();
        dev.baton.store.BoardHistory history = c.history();
        history.tip().ifPresent(tip -> history.walk(tip, null, e -> {
            if (trace.equals(e.trace())) {
                board.add(new Watcher.Transition(e.event(), trace));
            }
            return true;
        }));
        Collections.reverse(board);
        List<List<Watcher.Item>> sources = new ArrayList<>();
        sources.add(board);
        Messages messages = c.messages();
        for (var channel : messages.channels()) {
            sources.add(messages.all(channel).stream().filter(m -> trace.equals(m.trace()))
                    .<Watcher.Item>map(Watcher.Posted::new).toList());
        }
        return Watcher.merge(sources);
    }
}

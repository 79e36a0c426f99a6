package dev.baton.app;

import dev.baton.store.LoggedEvent;
import dev.baton.core.Address;
import dev.baton.core.Message;
import dev.baton.store.BoardLayout;
import dev.baton.store.ChannelStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Follows the board and, optionally, channels: each {@link #poll()} returns what landed since the last one — board
 * transitions and messages — oldest first. Only reads refs and the commits they gained; in remote mode each poll
 * first fetches the board and the channels it follows.
 */
public final class Watcher {

    /** Something that landed. */
    public sealed interface Item {
        Instant time();
    }

    /** A board transition, with the correlation id it was recorded with (or null). */
    public record Transition(LoggedEvent logged, String trace) implements Item {
        @Override
        public Instant time() {
            return logged.event() == null ? Instant.EPOCH : logged.event().time();
        }
    }

    /** A message on a channel. */
    public record Posted(Message message) implements Item {
        @Override
        public Instant time() {
            return message.time();
        }
    }

    private final dev.baton.store.BoardHistory history;
    private final ChannelStore channels;
    private final dev.baton.store.BoardTransport transport;
    private final boolean allChannels;
    private final Set<Address> named;
    private ObjectId board;
    private final Map<Address, ObjectId> seen = new HashMap<>();

    /**
     * @param from        the board commit to start after (null: the board as it is now)
     * @param allChannels follow every channel, including ones made later
     * @param named       channels to follow (besides all of them)
     */
    public Watcher(Session c, String from, boolean allChannels, List<Address> named) {
        this.history = c.history();
        this.transport = c.transport();
        this.channels = c.channelStore();
        this.allChannels = allChannels;
        this.named = new LinkedHashSet<>(named);
        refresh();
        this.board = from == null ? history.tip().orElse(null) : history.resolve(from, "--from");
        for (Address a : following()) {
            seen.put(a, channels.tip(a).orElse(null));
        }
    }

    /** Polls until {@code count} items have been delivered (0: no limit) or {@code timeout} passes (null: never). */
    public int run(Consumer<Item> sink, int count, Duration timeout) {
        List<Item> pending = new ArrayList<>();
        return Follow.loop(remaining -> {
            if (pending.isEmpty()) {
                pending.addAll(poll());
            }
            int n = remaining > 0 ? Math.min(remaining, pending.size()) : pending.size();
            for (int i = 0; i < n; i++) {
                sink.accept(pending.remove(0));
            }
            return n;
        }, count, timeout);
    }

    /** What landed since the last poll (since construction, the first time), oldest first. */
    public List<Item> poll() {
        refresh();
        List<List<Item>> sources = new ArrayList<>();
        sources.add(newTransitions());
        for (Address a : following()) {
            Optional<ObjectId> tip = channels.tip(a);
            ObjectId last = seen.get(a);
            if (tip.isPresent() && !tip.get().equals(last)) {
                sources.add(channels.between(last, tip.get()).stream().<Item>map(Posted::new).toList());
                seen.put(a, tip.get());
            }
        }
        return merge(sources);
    }

    /** Interleaves the sources by time, each kept in its own order (clocks of different writers may disagree). */
    static List<Item> merge(List<List<Item>> sources) {
        List<Item> out = new ArrayList<>();
        int[] next = new int[sources.size()];
        while (true) {
            int best = -1;
            for (int i = 0; i < sources.size(); i++) {
                if (next[i] < sources.get(i).size() && (best < 0
                        || sources.get(i).get(next[i]).time().isBefore(sources.get(best).get(next[best]).time()))) {
                    best = i;
                }
            }
            if (best < 0) {
                return out;
            }
            out.add(sources.get(best).get(next[best]++));
        }
    }

    /** In remote mode, fetches the board and the channels followed; locally, nothing. */
    private void refresh() {
        transport.refresh(BoardLayout.REF);
        if (allChannels) {
            channels.refresh(null);
        } else {
            named.forEach(channels::refresh);
        }
    }

    private List<Address> following() {
        Set<Address> out = new LinkedHashSet<>(named);
        if (allChannels) {
            out.addAll(channels.channels());
        }
        return new ArrayList<>(out);
    }

    private List<Item> newTransitions() {
        Optional<ObjectId> tip = history.tip();
        if (tip.isEmpty() || tip.get().equals(board)) {
            return List.of();
        }
        List<Item> out = history.since(tip.get(), board).stream()
                .<Item>map(e -> new Transition(e.event(), e.trace())).toList();
        board = tip.get();
        return out;
    }
}

package dev.baton.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Arranges a channel's messages as conversations: each message followed by its replies, depth first. */
public final class Threads {

    /** A message and how deep it sits in its conversation (0: it answers nothing on this channel). */
    public record Entry(Message message, int depth) {
    }

    private Threads() {
    }

    /**
     * The messages (oldest first) in conversation order: a message that answers one on the list comes after it (and
     * after earlier answers to it), indented one more level; the rest keep their order. Nothing is dropped.
     */
    public static List<Entry> arrange(List<Message> messages) {
        Map<String, Message> byId = new LinkedHashMap<>();
        messages.forEach(m -> byId.put(m.id(), m));
        Map<String, List<Message>> replies = new LinkedHashMap<>();
        List<Message> roots = new ArrayList<>();
        for (Message m : messages) {
            if (m.replyTo() != null && byId.containsKey(m.replyTo()) && !m.replyTo().equals(m.id())) {
                replies.computeIfAbsent(m.replyTo(), k -> new ArrayList<>()).add(m);
            } else {
                roots.add(m);
            }
        }
        List<Entry> out = new ArrayList<>(messages.size());
        Set<String> placed = new HashSet<>();
        for (Message root : roots) {
            place(root, 0, replies, placed, out);
        }
        for (Message m : messages) { // a reply cycle cannot happen in an append-only log, but never lose a message
            if (!placed.contains(m.id())) {
                place(m, 0, replies, placed, out);
            }
        }
        return out;
    }

    private static void place(Message m, int depth, Map<String, List<Message>> replies, Set<String> placed,
                              List<Entry> out) {
        if (!placed.add(m.id())) {
            return;
        }
        out.add(new Entry(m, depth));
        for (Message r : replies.getOrDefault(m.id(), List.of())) {
            place(r, depth + 1, replies, placed, out);
        }
    }
}

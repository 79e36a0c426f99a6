package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.Message;
import java.time.Instant;

/**
 * Messages as commands print them. The JSON fields are a contract: {@code id}, {@code from}, {@code to},
 * {@code body}, {@code time}, {@code task}, {@code reply_to} are always present (null when empty); {@code trace},
 * {@code ack_required}, {@code ack} and {@code handoff} appear when set.
 */
final class MessageView {

    private MessageView() {
    }

    static ObjectNode json(Message m) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", m.id()).put("from", m.from()).put("to", m.to().toString()).put("body", m.body())
                .put("time", m.time().toString()).put("task", m.task()).put("reply_to", m.replyTo());
        if (m.trace() != null) {
            n.put("trace", m.trace());
        }
        if (m.ackRequired()) {
            n.put("ack_required", true);
        }
        if (m.ackOf() != null) {
            n.put("ack", m.ackOf());
        }
        if (m.handoff() != null) {
            n.put("handoff", m.handoff());
        }
        return n;
    }

    /** A header line and the body indented under it; {@code depth} indents the whole (replies in a thread). */
    static String text(Message m, int depth) {
        String indent = "  ".repeat(depth);
        StringBuilder sb = new StringBuilder(indent).append(m.id(), 0, 10).append("  ").append(time(m.time()))
                .append("  ").append(m.from()).append(" → ").append(m.to());
        if (m.task() != null && !m.task().equals(m.to().toString())) {
            sb.append("  [").append(m.task()).append(']');
        }
        if (m.ackOf() != null) {
            sb.append("  (ack of ").append(m.ackOf(), 0, 10).append(')');
        } else if (m.replyTo() != null) {
            sb.append("  (re ").append(m.replyTo(), 0, 10).append(')');
        }
        if (m.ackRequired()) {
            sb.append("  [ack required]");
        }
        if (m.trace() != null) {
            sb.append("  trace ").append(m.trace());
        }
        m.body().strip().lines().forEach(line -> sb.append('\n').append(indent).append("    ").append(line));
        return sb.toString();
    }

    /** "2026-11-22 21:53:42Z" */
    static String time(Instant t) {
        return t.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }
}

package dev.baton.store;

import static dev.baton.store.Trailers.ACK;
import static dev.baton.store.Trailers.ACK_REQUIRED;
import static dev.baton.store.Trailers.FROM;
import static dev.baton.store.Trailers.HANDOFF;
import static dev.baton.store.Trailers.MESSAGE;
import static dev.baton.store.Trailers.REPLY_TO;
import static dev.baton.store.Trailers.TASK;
import static dev.baton.store.Trailers.TIME;
import static dev.baton.store.Trailers.TO;
import static dev.baton.store.Trailers.TRACE;

import dev.baton.core.Address;
import dev.baton.core.Message;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel commit's message: the body exactly as sent, a blank line, then the trailers (docs/format.md, "Channels").
 * The trailer block is always the last paragraph and never holds a blank line, so any body, trailer-like lines and
 * all, round-trips unchanged.
 */
public final class MessageCodec {

    /** The message format this baton writes and reads, in the {@link Trailers#MESSAGE} trailer. */
    public static final String VERSION = "1";

    private MessageCodec() {
    }

    public static String encode(Message m) {
        StringBuilder sb = new StringBuilder(m.body()).append("\n\n");
        Trailers.append(sb, MESSAGE, VERSION);
        Trailers.append(sb, FROM, m.from());
        Trailers.append(sb, TO, m.to());
        Trailers.append(sb, TASK, m.task());
        Trailers.append(sb, REPLY_TO, m.replyTo());
        Trailers.append(sb, ACK_REQUIRED, m.ackRequired() ? "true" : null);
        Trailers.append(sb, ACK, m.ackOf());
        Trailers.append(sb, HANDOFF, m.handoff());
        Trailers.append(sb, TRACE, m.trace());
        Trailers.append(sb, TIME, m.time());
        return sb.toString();
    }

    /** Whether a commit message is a channel message (has the marker trailer). */
    public static boolean isMessage(String text) {
        return trailers(text).containsKey(MESSAGE);
    }

    /**
     * The message a channel commit records.
     *
     * @throws FormatException when it is not a message baton wrote, or its Baton-Message version is not {@value #VERSION}
     */
    public static Message decode(String id, String text) {
        Map<String, String> t = trailers(text);
        String version = t.get(MESSAGE);
        if (version == null) {
            throw new FormatException("the commit is not a baton message (no " + MESSAGE + " trailer)");
        }
        if (!version.equals(VERSION)) {
            throw new FormatException("message format " + version + " is not the one this baton reads (" + VERSION + ")");
        }
        int cut = text.lastIndexOf("\n\n");
        try {
            return new Message(id, Address.fromPath(pathOf(require(t, TO))), require(t, FROM), text.substring(0, cut),
                    Instant.parse(require(t, TIME)), t.get(TASK), t.get(REPLY_TO), t.get(TRACE),
                    "true".equals(t.get(ACK_REQUIRED)), t.get(ACK), t.get(HANDOFF));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new FormatException("malformed message trailers: " + e.getMessage(), e);
        }
    }

    /** The channel path of an address as written in {@link Trailers#TO}. */
    private static String pathOf(String to) {
        return to.startsWith("@") ? "inbox/" + to.substring(1) : to.startsWith("#") ? to.substring(1) : "task/" + to;
    }

    /** The Baton-* trailers of the last paragraph; unknown keys are kept (and ignored by decode). */
    private static Map<String, String> trailers(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int cut = text.lastIndexOf("\n\n");
        if (cut < 0) {
            return out;
        }
        for (String line : text.substring(cut + 2).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && line.startsWith(Trailers.PREFIX)) {
                out.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return out;
    }

    private static String require(Map<String, String> t, String key) {
        String v = t.get(key);
        if (v == null) {
            throw new FormatException("the message has no " + key + " trailer");
        }
        return v;
    }
}

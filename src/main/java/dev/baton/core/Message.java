package dev.baton.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One message on a channel, as recorded in one commit.
 *
 * @param id          the commit id (null for a message not yet written)
 * @param to          the channel it was sent to
 * @param from        the sender (the commit's author)
 * @param body        the text, as sent
 * @param time        when it was sent
 * @param task        the task it is about, or null
 * @param replyTo     the id of the message it answers, or null
 * @param trace       the correlation id it belongs to, or null
 * @param ackRequired whether the sender asks for an acknowledgement
 * @param ackOf       for an acknowledgement, the id of the message it acknowledges; else null
 * @param handoff     for a handoff posted to a task's thread, the command that recorded it (done, fail, reject,
 *                    reap); else null
 */
public record Message(String id, Address to, String from, String body, Instant time, String task, String replyTo,
                      String trace, boolean ackRequired, String ackOf, String handoff) {

    /** The largest body, in UTF-8 bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Pattern TRACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}");

    /** A message to be sent (no id yet). */
    public static Message draft(Address to, String from, String body, Instant time, String task, String replyTo,
                                String trace, boolean ackRequired) {
        return new Message(null, to, from, body, time, task, replyTo, trace, ackRequired, null, null);
    }

    public Message withId(String newId) {
        return new Message(newId, to, from, body, time, task, replyTo, trace, ackRequired, ackOf, handoff);
    }

    public Message asAckOf(String id) {
        return new Message(this.id, to, from, body, time, task, replyTo, trace, ackRequired, id, handoff);
    }

    public Message asHandoff(String command) {
        return new Message(id, to, from, body, time, task, replyTo, trace, ackRequired, ackOf, command);
    }

    /** What is wrong with a message body, if anything: empty, too large, or holding a control character. */
    public static Optional<String> checkBody(String body) {
        if (body == null || body.isBlank()) {
            return Optional.of("the message is empty; say something");
        }
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY_BYTES) {
            return Optional.of("the message is " + bytes + " bytes; the limit is 64 KiB (" + MAX_BODY_BYTES
                    + " bytes)");
        }
        if (body.indexOf('\0') >= 0) {
            return Optional.of("the message holds a NUL character, which git does not keep in a commit message");
        }
        int control = TextLimits.firstControl(body, true);
        if (control >= 0) {
            return Optional.of("the message must not hold control characters other than tab and line breaks (found "
                    + TextLimits.describe(body.codePointAt(control)) + " at character " + (control + 1) + ")");
        }
        return Optional.empty();
    }

    /** Whether {@code id} may stand as a correlation id: letters, digits and . _ : / @ + -, up to 128 characters. */
    public static boolean isValidTrace(String id) {
        return id != null && TRACE.matcher(id).matches();
    }
}

package dev.baton.store;

import dev.baton.core.Event;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The message of a checkpoint: a root commit whose tree is the board as it stood at an old tip, written when that tip
 * and its history moved to the archive repository. Like the init commit it records no transition; unlike it, its tree
 * may hold any board. docs/format.md, "Checkpoints".
 */
public final class CheckpointCodec {

    public static final String COMMAND = "checkpoint";

    /**
     * What a checkpoint records.
     *
     * @param archivedTip the board tip it replaced, kept in the archive with its history
     * @param archiveRef  the ref of the archive repository that points at {@code archivedTip}
     * @param transitions how many commits followed the old root up to {@code archivedTip}
     */
    public record Checkpoint(String actor, Instant time, ObjectId archivedTip, String archiveRef, long transitions) {

        /** The commit's subject: "checkpoint of 1000202 transitions (dana@example.com)". */
        public String subject() {
            return COMMAND + " of " + transitions + " transitions (" + actor + ")";
        }
    }

    private CheckpointCodec() {
    }

    /** The message of a checkpoint of a board of the newest format. */
    public static String message(Checkpoint c) {
        return message(c, BoardLayout.FORMAT_VERSION);
    }

    /** The message of a checkpoint of a board of {@code format}: a checkpoint keeps the format of the board. */
    public static String message(Checkpoint c, int format) {
        StringBuilder sb = new StringBuilder(c.subject()).append("\n\n");
        Trailers.append(sb, Trailers.FORMAT, format);
        Trailers.append(sb, Trailers.COMMAND, COMMAND);
        Trailers.append(sb, Trailers.ACTOR, c.actor());
        Trailers.append(sb, Trailers.TIME, c.time());
        Trailers.append(sb, Trailers.CHECKPOINT, c.archivedTip().name());
        Trailers.append(sb, Trailers.ARCHIVE, c.archiveRef());
        return sb.toString();
    }

    /**
     * The checkpoint a board commit records, or empty when it is not a checkpoint of a format this baton reads (a
     * commit of another format is left to {@link EventCodec#decode}, which names the formats).
     *
     * @throws FormatException when the message is a checkpoint with missing or malformed trailers
     */
    public static Optional<Checkpoint> decode(String message) {
        Map<String, String> t = Trailers.parse(message);
        if (!COMMAND.equals(t.get(Trailers.COMMAND))) {
            return Optional.empty();
        }
        try {
            EventCodec.format(t);
        } catch (FormatException e) {
            return Optional.empty();
        }
        String subject = message.lines().findFirst().orElse("");
        try {
            String actor = require(t, Trailers.ACTOR);
            String prefix = COMMAND + " of ";
            int end = subject.indexOf(" transitions (");
            long transitions = subject.startsWith(prefix) && end > prefix.length()
                    ? Long.parseLong(subject.substring(prefix.length(), end)) : -1;
            return Optional.of(new Checkpoint(actor, Instant.parse(require(t, Trailers.TIME)),
                    ObjectId.fromString(require(t, Trailers.CHECKPOINT)), require(t, Trailers.ARCHIVE), transitions));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new FormatException("malformed checkpoint trailers: " + e.getMessage(), e);
        }
    }

    /**
     * The event a board commit records, or empty for a root that records none: the init commit or a checkpoint.
     * Every reader of the board's history goes through here rather than {@link EventCodec#decode}, which does not
     * know checkpoints.
     *
     * @throws FormatException when the message is not one baton wrote, or is from another format
     */
    public static Optional<Event> event(String message) {
        return decode(message).isPresent() ? Optional.empty() : EventCodec.decode(message);
    }

    private static String require(Map<String, String> t, String key) {
        String v = t.get(key);
        if (v == null) {
            throw new FormatException("the checkpoint has no " + key + " trailer");
        }
        return v;
    }
}

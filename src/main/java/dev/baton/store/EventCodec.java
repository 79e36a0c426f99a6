package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.core.Command;
import dev.baton.core.Event;
import dev.baton.core.TaskState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * A board commit's message: a readable subject, an optional body (reason or handoff summary), and the trailers that
 * record the transition so that it can be replayed.
 */
public final class EventCodec {

    public static final String INIT_COMMAND = "init";

    private EventCodec() {
    }

    public static String message(Event e) {
        return message(e, null);
    }

    /** {@link #message(Event, String, int)} on a board of the newest format. */
    public static String message(Event e, String trace) {
        return message(e, trace, BoardLayout.FORMAT_VERSION);
    }

    /**
     * The message of {@code e} on a board of {@code format}, with the optional {@code Baton-Trace} trailer when
     * {@code trace} is not null.
     */
    public static String message(Event e, String trace, int format) {
        StringBuilder sb = new StringBuilder(e.subject()).append("\n\n");
        body(e.command()).ifPresent(b -> sb.append(b.strip()).append("\n\n"));
        Trailers.append(sb, Trailers.FORMAT, format);
        Trailers.append(sb, Trailers.TASK, e.taskId());
        Trailers.append(sb, Trailers.COMMAND, e.command().name());
        Trailers.append(sb, Trailers.ACTOR, e.actor());
        Trailers.append(sb, Trailers.EPOCH, e.epoch());
        Trailers.append(sb, Trailers.FROM, e.from());
        Trailers.append(sb, Trailers.TO, e.to());
        Trailers.append(sb, Trailers.TIME, e.time());
        Trailers.append(sb, Trailers.ARGS, RecordJson.line(e.command()));
        Trailers.append(sb, Trailers.TRACE, trace);
        return sb.toString();
    }

    /** The correlation id a board commit was recorded with, if any; it is metadata and takes no part in replay. */
    public static Optional<String> trace(String message) {
        return Optional.ofNullable(Trailers.parse(message).get(Trailers.TRACE));
    }

    /** The message of the commit that creates a board of the newest format. */
    public static String initMessage(String actor, Instant time) {
        return initMessage(actor, time, BoardLayout.FORMAT_VERSION);
    }

    /** The message of the commit that creates a board of {@code format}. */
    public static String initMessage(String actor, Instant time, int format) {
        StringBuilder sb = new StringBuilder("init board (").append(actor).append(")\n\n");
        Trailers.append(sb, Trailers.FORMAT, format);
        Trailers.append(sb, Trailers.COMMAND, INIT_COMMAND);
        Trailers.append(sb, Trailers.ACTOR, actor);
        Trailers.append(sb, Trailers.TIME, time);
        return sb.toString();
    }

    /**
     * The board format a board commit's message names in its {@code Baton-Format} trailer, one this baton reads.
     *
     * @throws FormatException when the message has no such trailer, or names a format this baton does not read
     */
    public static int format(String message) {
        return format(Trailers.parse(message));
    }

    static int format(Map<String, String> t) {
        String format = t.get(Trailers.FORMAT);
        if (format == null) {
            throw new FormatException("the commit has no " + Trailers.FORMAT + " trailer");
        }
        int version;
        try {
            version = format.matches("[0-9]{1,9}") ? Integer.parseInt(format) : -1;
        } catch (NumberFormatException e) {
            version = -1;
        }
        if (!BoardLayout.isReadable(version)) {
            throw FormatException.otherVersion("board format " + format + " was written by "
                    + (version >= 0 && version < BoardLayout.OLDEST_READABLE ? "an older" : "a newer")
                    + " baton; this one reads " + BoardLayout.readableFormats() + "; use a baton that matches (docs/format.md lists the changes)");
        }
        return version;
    }

    /**
     * The event a board commit records, or empty for the commit that created the board.
     *
     * @throws FormatException when the message is not one baton wrote, or is from a format this baton does not read
     */
    public static Optional<Event> decode(String message) {
        Map<String, String> t = Trailers.parse(message);
        format(t);
        String name = require(t, Trailers.COMMAND);
        if (name.equals(INIT_COMMAND)) {
            return Optional.empty();
        }
        Class<? extends Command> type = CommandTypes.BY_NAME.get(name);
        if (type == null) {
            throw new FormatException("unknown command '" + name + "'");
        }
        try {
            Command command = RecordJson.read(require(t, Trailers.ARGS), type);
            return Optional.of(new Event(command, require(t, Trailers.ACTOR), Instant.parse(require(t, Trailers.TIME)),
                    t.get(Trailers.TASK), null,
                    t.get(Trailers.FROM) == null ? null : TaskState.valueOf(t.get(Trailers.FROM)),
                    t.get(Trailers.TO) == null ? null : TaskState.valueOf(t.get(Trailers.TO)),
                    Long.parseLong(require(t, Trailers.EPOCH))));
        } catch (JsonProcessingException e) {
            throw new FormatException("malformed " + Trailers.ARGS + " trailer: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new FormatException("malformed " + Trailers.ARGS + " trailer: " + e.getMessage(), e);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new FormatException("malformed trailers: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> t, String key) {
        String v = t.get(key);
        if (v == null) {
            throw new FormatException("the commit has no " + key + " trailer");
        }
        return v;
    }

    private static Optional<String> body(Command c) {
        if (c instanceof dev.baton.core.Reject r) {
            return Optional.ofNullable(r.reason());
        }
        if (c instanceof dev.baton.core.Fail f) {
            return Optional.ofNullable(f.reason());
        }
        if (c instanceof dev.baton.core.Cancel x) {
            return Optional.ofNullable(x.reason());
        }
        if (c instanceof dev.baton.core.Done d && d.handoff() != null) {
            return Optional.ofNullable(d.handoff().summary());
        }
        if (c instanceof dev.baton.core.Merge m && m.unverifiedCommits() != null) {
            return Optional.of(m.unverifiedCommits().size() + " commit(s) landed without baton's trailers: "
                    + String.join(" ", m.unverifiedCommits()));
        }
        return Optional.empty();
    }
}

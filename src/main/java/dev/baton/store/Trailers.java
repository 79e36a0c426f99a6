package dev.baton.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every trailer key baton writes or reads (docs/format.md lists them): those of a board commit, with the strict parser
 * for them; those of a channel message ({@link MessageCodec}); and the {@link #TASK} and {@link #EPOCH} that the
 * commit-msg hook stamps on each commit of a task's branch, which a merge checks.
 */
public final class Trailers {

    /** What every baton trailer key starts with. */
    public static final String PREFIX = "Baton-";

    public static final String FORMAT = "Baton-Format";
    /** The task a board commit changes, a message is about, or a commit of a task's branch works on. */
    public static final String TASK = "Baton-Task";
    public static final String COMMAND = "Baton-Command";
    public static final String ACTOR = "Baton-Actor";
    /** The task's epoch after a board commit; on a commit of a task's branch, the epoch its owner held. */
    public static final String EPOCH = "Baton-Epoch";
    public static final String FROM = "Baton-From";
    public static final String TO = "Baton-To";
    public static final String TIME = "Baton-Time";
    public static final String ARGS = "Baton-Args";
    /**
     * Optional correlation id ({@code --trace} or {@code $BATON_TRACE}): metadata about who asked, not part of the
     * state, so replay and fsck ignore it.
     */
    public static final String TRACE = "Baton-Trace";
    /** On a checkpoint (a root commit that starts the board again from a snapshot): the old tip it replaces. */
    public static final String CHECKPOINT = "Baton-Checkpoint";
    /** On a checkpoint: the ref of the archive repository that holds the old tip and its history. */
    public static final String ARCHIVE = "Baton-Archive";

    /** The keys a board commit may carry: any other {@code Baton-*} key there is an error. */
    public static final List<String> KNOWN = List.of(FORMAT, TASK, COMMAND, ACTOR, EPOCH, FROM, TO, TIME, ARGS, TRACE,
            CHECKPOINT, ARCHIVE);

    /** On a channel message: the message format's version; a commit without it is not a message. */
    public static final String MESSAGE = "Baton-Message";
    /** On a channel message: the message it answers. */
    public static final String REPLY_TO = "Baton-Reply-To";
    /** On a channel message: "true" when the sender asks for an acknowledgement. */
    public static final String ACK_REQUIRED = "Baton-Ack-Required";
    /** On a channel message: the message it acknowledges. */
    public static final String ACK = "Baton-Ack";
    /** On a channel message: the transition whose handoff it carries. */
    public static final String HANDOFF = "Baton-Handoff";

    private Trailers() {
    }

    /**
     * The Baton-* trailers of a commit message: the key-value lines of its last paragraph. Other trailers are left
     * alone; an unknown or repeated Baton-* key is an error.
     */
    public static Map<String, String> parse(String message) {
        String text = message.strip();
        int cut = text.lastIndexOf("\n\n");
        String last = cut < 0 ? "" : text.substring(cut + 2);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : last.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon <= 0 || !line.startsWith(PREFIX)) {
                continue;
            }
            String key = line.substring(0, colon);
            if (!KNOWN.contains(key)) {
                throw new FormatException("unknown trailer " + key);
            }
            if (out.put(key, line.substring(colon + 2)) != null) {
                throw new FormatException("trailer " + key + " appears twice");
            }
        }
        return out;
    }

    /** Appends {@code key: value} when value is not null. */
    static void append(StringBuilder sb, String key, Object value) {
        if (value != null) {
            sb.append(line(key, value)).append('\n');
        }
    }

    /** One trailer line, {@code key: value}, without its newline. */
    public static String line(String key, Object value) {
        return key + ": " + value;
    }
}

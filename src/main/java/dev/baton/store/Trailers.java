package dev.baton.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The trailer keys of a board commit, and the strict parser for them (docs/format.md lists them). */
public final class Trailers {

    public static final String FORMAT = "Baton-Format";
    public static final String TASK = "Baton-Task";
    public static final String COMMAND = "Baton-Command";
    public static final String ACTOR = "Baton-Actor";
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

    public static final List<String> KNOWN = List.of(FORMAT, TASK, COMMAND, ACTOR, EPOCH, FROM, TO, TIME, ARGS, TRACE,
            CHECKPOINT, ARCHIVE);

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
            if (colon <= 0 || !line.startsWith("Baton-")) {
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
            sb.append(key).append(": ").append(value).append('\n');
        }
    }
}

package dev.baton.store;

import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.TaskState;

/**
 * Where things live in a board commit's tree (docs/format.md is the contract):
 * <pre>
 * format                          "baton-board 3" and a newline ({@link #formatContent(int)})
 * tasks/a/b/c/T-abcdefgh.json     every task record; three one-character fan-out levels
 * tasks/a/b/c/T-abcdefgh.spec     format 3: the task's spec, UTF-8, when it has one (format 2 keeps it in the record)
 * index/QUEUED/2/017322/69/60/01/23/a/b/T-abcdefgh
 *                                 one entry per open task (not COMPLETED or CANCELLED), pointing at the same blob as
 *                                 the task record; the path is the queue order (priority, then creation time, then id)
 *                                 spelled out as fixed-width directory names, so walking the tree in git's order walks
 *                                 the queue, and no directory grows with the number of tasks in the state
 * keys/ab/ab12...(40 hex)         the id of the task spawned with an idempotency key (SHA-1 of the key)
 * roles                           the roles file (JSON), once someone has set roles
 * </pre>
 * The format is per board: a board keeps the format it was made in, and baton reads and writes every format from
 * {@link #OLDEST_READABLE} to {@link #FORMAT_VERSION}; {@code baton init} makes boards of {@link #FORMAT_VERSION}.
 */
public final class BoardLayout {

    public static final String REF = "refs/baton/board";
    /** The format of new boards, and the newest one this baton reads. */
    public static final int FORMAT_VERSION = 3;
    /** The oldest format this baton reads and writes (on boards made in it). */
    public static final int OLDEST_READABLE = 2;
    /** The first format that keeps a task's spec in a blob of its own, beside its record. */
    public static final int SPEC_BLOBS = 3;
    public static final String FORMAT_PATH = "format";
    public static final String FORMAT_CONTENT = formatContent(FORMAT_VERSION);
    public static final String SPEC_SUFFIX = ".spec";
    public static final String RECORD_SUFFIX = ".json";
    public static final String TASKS = "tasks";
    public static final String INDEX = "index";
    public static final String KEYS = "keys";
    public static final String ROLES = "roles";
    public static final int FANOUT_LEVELS = 3;

    private BoardLayout() {
    }

    /** Whether this baton reads and writes boards of {@code format}. */
    public static boolean isReadable(int format) {
        return format >= OLDEST_READABLE && format <= FORMAT_VERSION;
    }

    /** The formats this baton reads, for messages: "formats 2 and 3". */
    public static String readableFormats() {
        if (OLDEST_READABLE == FORMAT_VERSION) {
            return "format " + FORMAT_VERSION;
        }
        return "formats " + OLDEST_READABLE + (OLDEST_READABLE + 1 == FORMAT_VERSION ? " and " : " to ")
                + FORMAT_VERSION;
    }

    /** Whether a board of {@code format} keeps specs out of the task records, in blobs of their own. */
    public static boolean specsApart(int format) {
        return format >= SPEC_BLOBS;
    }

    /** What the {@code format} blob of a board of {@code format} holds. */
    public static String formatContent(int format) {
        return "baton-board " + format + "\n";
    }

    /** The directory holding every task whose id starts with the first {@code FANOUT_LEVELS} characters of {@code id}. */
    public static String bucket(String id) {
        StringBuilder sb = new StringBuilder(TASKS);
        for (int i = 0; i < FANOUT_LEVELS; i++) {
            sb.append('/').append(id.charAt(TaskIds.PREFIX.length() + i));
        }
        return sb.toString();
    }

    public static String taskPath(String id) {
        return bucket(id) + "/" + id + RECORD_SUFFIX;
    }

    /** Where a format-3 board keeps the spec of task {@code id}, beside its record; absent when it has none. */
    public static String specPath(String id) {
        return bucket(id) + "/" + id + SPEC_SUFFIX;
    }

    public static String indexDir(TaskState state) {
        return INDEX + "/" + state.name();
    }

    /**
     * The index entry of an open task. Its path spells the queue order: the priority, then the creation time in
     * milliseconds (its part above 10^8 ms, then four levels of two decimal digits), then the first and second
     * character of the id (tasks spawned in one batch share a millisecond), then the id. Every name at a level has the
     * same width, so git's tree order is the queue order, and no directory holds more than 100 entries except the
     * last, which holds the tasks created in the same millisecond with the same first two characters.
     */
    public static String indexPath(Task t) {
        long ms = t.createdAt() == null ? 0 : Math.max(0, t.createdAt().toEpochMilli());
        String id = t.id();
        int c = TaskIds.PREFIX.length();
        return indexDir(t.state()) + "/" + t.priority()
                + "/" + pad(ms / 100_000_000L, 6)
                + "/" + pad(ms / 1_000_000L % 100, 2)
                + "/" + pad(ms / 10_000L % 100, 2)
                + "/" + pad(ms / 100 % 100, 2)
                + "/" + pad(ms % 100, 2)
                + "/" + id.charAt(c) + "/" + id.charAt(c + 1)
                + "/" + id;
    }

    private static String pad(long n, int width) {
        String s = Long.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** Where the id of the task spawned with {@code key} is kept. */
    public static String keyPath(String key) {
        String hex = org.eclipse.jgit.lib.ObjectId.fromRaw(org.eclipse.jgit.lib.Constants.newMessageDigest()
                .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))).name();
        return KEYS + "/" + hex.substring(0, 2) + "/" + hex;
    }

    public static boolean isIndexed(Task t) {
        return t.state().isOpen();
    }
}

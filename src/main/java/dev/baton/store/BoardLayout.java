package dev.baton.store;

import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.TaskState;

/**
 * Where things live in a board commit's tree (docs/format.md is the contract):
 * <pre>
 * format                          "baton-board 2" and a newline (FORMAT_CONTENT)
 * tasks/a/b/c/T-abcdefgh.json     every task record; three one-character fan-out levels
 * index/QUEUED/2/017322/69/60/01/23/a/b/T-abcdefgh
 *                                 one entry per open task (not COMPLETED or CANCELLED), pointing at the same blob as
 *                                 the task record; the path is the queue order (priority, then creation time, then id)
 *                                 spelled out as fixed-width directory names, so walking the tree in git's order walks
 *                                 the queue, and no directory grows with the number of tasks in the state
 * keys/ab/ab12...(40 hex)         the id of the task spawned with an idempotency key (SHA-1 of the key)
 * roles                           the roles file (JSON), once someone has set roles
 * </pre>
 */
public final class BoardLayout {

    public static final String REF = "refs/baton/board";
    public static final int FORMAT_VERSION = 2;
    public static final String FORMAT_PATH = "format";
    public static final String FORMAT_CONTENT = "baton-board " + FORMAT_VERSION + "\n";
    public static final String TASKS = "tasks";
    public static final String INDEX = "index";
    public static final String KEYS = "keys";
    public static final String ROLES = "roles";
    public static final int FANOUT_LEVELS = 3;

    private BoardLayout() {
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
        return bucket(id) + "/" + id + ".json";
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

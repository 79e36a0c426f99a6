package dev.baton.store;

import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.TaskState;

/**
 * Where things live in a board commit's tree (docs/format.md is the contract):
 * <pre>
 * format                          "baton-board 1"
 * tasks/a/b/c/T-abcdefgh.json     every task record; three one-character fan-out levels
 * index/QUEUED/2-0001732300000000-T-abcdefgh   one entry per open task (not COMPLETED or CANCELLED), in queue order,
 *                                              pointing at the same blob as the task record
 * keys/ab/ab12...(40 hex)         the id of the task spawned with an idempotency key (SHA-1 of the key)
 * roles                           the roles file (JSON), once someone has set roles
 * </pre>
 */
public final class BoardLayout {

    public static final String REF = "refs/baton/board";
    public static final int FORMAT_VERSION = 1;
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

    /** The index entry of an open task; its name sorts in queue order. */
    public static String indexPath(Task t) {
        long millis = t.createdAt() == null ? 0 : t.createdAt().toEpochMilli();
        return indexDir(t.state()) + "/" + t.priority() + "-" + String.format("%016d", millis) + "-" + t.id();
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

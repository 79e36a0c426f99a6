package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.Task;
import dev.baton.worktree.Workspace;

/**
 * The JSON form of a task that commands print. Its field names are a contract (README, "JSON output"): every record
 * field of the task, with {@code assignee} always present (null when there is none).
 */
final class TaskJson {

    private TaskJson() {
    }

    static ObjectNode of(Task t) {
        ObjectNode node = JsonTree.of(t);
        if (!node.has("assignee")) {
            node.putNull("assignee");
        }
        return node;
    }

    static ObjectNode of(Task t, Workspace ws) {
        ObjectNode node = of(t);
        if (ws != null) {
            node.put("worktree", ws.path());
            node.put("branch", ws.branch());
        }
        return node;
    }
}

package dev.baton.worktree;

import dev.baton.store.RecordJson;
import java.io.IOException;

/**
 * A task's linked worktree as this clone knows it: where it is, its branch, and the epoch its owner was granted here
 * (the fencing token a command run on the owner's behalf carries).
 */
public record Workspace(String id, String path, String branch, long epoch, String agent) {

    /** The record file's text: one line of JSON with sorted keys and a final newline (docs/format.md). */
    public String encode() {
        return RecordJson.line(this) + "\n";
    }

    public static Workspace decode(byte[] bytes) throws IOException {
        return RecordJson.read(bytes, Workspace.class);
    }
}

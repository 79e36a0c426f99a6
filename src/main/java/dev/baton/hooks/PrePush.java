package dev.baton.hooks;

import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.util.List;
import java.util.Set;

/** The pre-push check of task branches: a task's branch is pushed only while the task is WORKING or IN_REVIEW. */
final class PrePush {

    private static final Set<TaskState> PUSHABLE = Set.of(TaskState.WORKING, TaskState.IN_REVIEW);

    private PrePush() {
    }

    static void check(Session c, List<String> ids) {
        for (String id : ids) {
            Task t;
            try {
                t = c.board().task(id);
            } catch (BatonException e) {
                if (e.exitCode() != dev.baton.ExitCode.USAGE) {
                    throw e;
                }
                throw new Refusal("push refused: branch task/" + id + " is named like a task branch, but " + id
                        + " is not a task on the board", "rename the branch, or `git push --no-verify`");
            }
            if (!PUSHABLE.contains(t.state())) {
                throw new Refusal("push refused: " + PreCommit.describe(t) + "; task/" + id
                        + " is pushed only while its task is WORKING or IN_REVIEW", t.state() == TaskState.COMPLETED
                        ? "its work is merged into " + (t.base() == null ? "its base" : t.base()) + ": push that instead"
                        : "push it while the task is WORKING or IN_REVIEW, or `git push --no-verify`");
            }
        }
    }
}

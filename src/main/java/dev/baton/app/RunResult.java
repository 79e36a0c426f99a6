package dev.baton.app;

import dev.baton.core.Task;

/**
 * How one supervised attempt ended.
 *
 * @param outcome   what happened
 * @param task      the task as the attempt left it
 * @param exitCode  the command's exit code (-1 when it was stopped)
 * @param message   one line for the user
 */
public record RunResult(Outcome outcome, Task task, int exitCode, String message) {

    public enum Outcome {
        /** The command succeeded and the task is IN_REVIEW. */
        DONE,
        /** The command failed or timed out; the task is FAILED, or QUEUED again for another attempt. */
        FAILED,
        /** Someone else holds the task now; the command was stopped and nothing was written. */
        LEASE_LOST,
        /** The command succeeded but left uncommitted work and committing was disabled; the task stays WORKING. */
        UNCOMMITTED,
        /** Interrupted (Ctrl-C): the command was stopped and the task handed back to the queue. */
        INTERRUPTED
    }
}

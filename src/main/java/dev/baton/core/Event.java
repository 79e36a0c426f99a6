package dev.baton.core;

import java.time.Instant;

/**
 * A transition as recorded: the command that was decided, who gave it, when, and the state change it made. Replaying
 * {@code command} by {@code actor} at {@code time} on the previous board reproduces the transition.
 */
public record Event(Command command, String actor, Instant time, String taskId, String title,
                    TaskState from, TaskState to, long epoch) {

    /** One readable line, used as the commit subject: "start T-4k2p Implement login (agent-a)". */
    public String subject() {
        return command.name() + (taskId == null ? "" : " " + taskId) + " " + title + " (" + actor + ")";
    }
}

package dev.baton.core;

import java.time.Instant;

/**
 * A transition as recorded: the command that was decided, who gave it, when, and the state change it made. Replaying
 * {@code command} by {@code actor} at {@code time} on the previous board reproduces the transition.
 *
 * <p>{@code title} is what the commit subject shows (the task's title, or a summary such as "3 tasks"); it is not a
 * trailer, so an event read back from a commit ({@code EventCodec.decode}) has none (null): read the subject, or the
 * task, for it. Replay does not need it.
 */
public record Event(Command command, String actor, Instant time, String taskId, String title,
                    TaskState from, TaskState to, long epoch) {

    /** One readable line, used as the commit subject: "start T-4k2p Implement login (agent-a)". */
    public String subject() {
        return command.name() + (taskId == null ? "" : " " + taskId) + " " + title + " (" + actor + ")";
    }
}

package dev.baton.core;

import java.time.Instant;

/**
 * A request to change the board. Each command knows its own rule: {@link #decide} is pure and either returns the
 * transition to record or a rejection that says why, in one sentence.
 */
public sealed interface Command
        permits Spawn, Claim, Start, Done, Reject, Approve, Merge, Cancel, Fail, Retry, Reap {

    /** The command's name as typed on the command line and recorded in the Baton-Command trailer. */
    String name();

    /** The id of the task the command is about. */
    String taskId();

    /** Decides this command given by {@code actor} at {@code now} on {@code board}. Never mutates anything. */
    Outcome decide(BoardView board, String actor, Instant now);
}

package dev.baton.store;

import dev.baton.core.Event;

/**
 * One transition read back from the board's history.
 *
 * @param commit     the board commit that records it
 * @param subject    the commit's subject line
 * @param event      the decoded event; null for a root: the commit that created the board, or a checkpoint
 * @param checkpoint when the commit is a checkpoint, what it records; else null
 */
public record LoggedEvent(String commit, String subject, Event event, CheckpointCodec.Checkpoint checkpoint) {

    public LoggedEvent(String commit, String subject, Event event) {
        this(commit, subject, event, null);
    }
}

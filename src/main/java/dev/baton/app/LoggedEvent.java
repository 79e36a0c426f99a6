package dev.baton.app;

import dev.baton.core.Event;

/**
 * One transition read back from the board's history.
 *
 * @param commit  the board commit that records it
 * @param subject the commit's subject line
 * @param event   the decoded event; null for the commit that created the board
 */
public record LoggedEvent(String commit, String subject, Event event) {
}

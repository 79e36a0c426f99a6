package dev.baton.store;

import dev.baton.core.Transition;
import org.eclipse.jgit.lib.ObjectId;

/** A transition written to the board: the commit that records it and how many attempts it took. */
public record Applied(Transition transition, ObjectId commit, int attempts) {
}

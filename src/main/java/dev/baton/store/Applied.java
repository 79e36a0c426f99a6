package dev.baton.store;

import dev.baton.core.Task;
import dev.baton.core.Transition;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What a write did: the transition and the commit that records it, with how many attempts it took; or, when the
 * command was already satisfied, no transition (and no commit) but the task as it stands.
 */
public record Applied(Transition transition, ObjectId commit, int attempts, Task unchanged) {

    public Applied(Transition transition, ObjectId commit, int attempts) {
        this(transition, commit, attempts, null);
    }

    public boolean changed() {
        return transition != null;
    }

    /** The task the command was about, as it is now. */
    public Task task() {
        return transition != null ? transition.task() : unchanged;
    }
}

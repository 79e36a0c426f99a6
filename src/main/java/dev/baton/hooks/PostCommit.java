package dev.baton.hooks;

import dev.baton.app.Session;
import dev.baton.app.Heartbeat;

/** A commit in a task worktree counts as a heartbeat: activity is liveness. */
final class PostCommit {

    private PostCommit() {
    }

    /** Renews the committing agent's lease on {@code id}; returns what happened, for the hook's log. */
    static String beat(Session c, String id) {
        Heartbeat hb = c.leases().heartbeat(id, null, null, null);
        if (!hb.renewed()) {
            return "no heartbeat: " + hb.stopped();
        }
        return id + " lease renewed until " + hb.lease().expiresAt() + " (heartbeat " + hb.lease().heartbeats()
                + ", epoch " + hb.lease().epoch() + ")";
    }
}

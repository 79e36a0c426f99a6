package dev.baton.app;

import dev.baton.core.Lease;
import dev.baton.core.Task;

/**
 * The result of one heartbeat: the renewed lease, or why renewing stopped. {@code lost} means someone else holds the
 * task now (or it was reaped); otherwise the task simply left ASSIGNED/WORKING (done, failed, cancelled).
 */
public record Heartbeat(Lease lease, Task task, String stopped, boolean lost) {

    public boolean renewed() {
        return lease != null;
    }
}

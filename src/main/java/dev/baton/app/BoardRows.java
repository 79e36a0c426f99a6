package dev.baton.app;

import dev.baton.core.Lease;
import dev.baton.core.ReadyQueue;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code baton board} shows of each open task besides its record: lease, last heartbeat, what holds it back. */
public final class BoardRows {

    /**
     * @param task         the task
     * @param leaseExpires when its owner's lease runs out, counting heartbeats (null when nobody holds it)
     * @param stale        the lease has run out and the task waits to be reaped
     * @param note         the last heartbeat's progress note of the current owner, or null
     * @param heartbeatAt  when that heartbeat came, or null
     * @param blocked      why it cannot go on without help (a blocker FAILED or CANCELLED), or null
     * @param waiting      why it cannot start yet (a blocker not done), or null
     */
    public record Row(Task task, Instant leaseExpires, boolean stale, String note, Instant heartbeatAt, String blocked,
                      String waiting) {
    }

    private BoardRows() {
    }

    /** Every open task with what the board shows of it, in queue order within each state. */
    public static List<Row> of(Session c) {
        Instant now = c.now();
        List<Task> open = c.board().open();
        List<Row> rows = new ArrayList<>(open.size());
        List<String[]> holdUps = c.board().read(b -> {
            List<String[]> out = new ArrayList<>();
            for (Task t : open) {
                List<String> chain = ReadyQueue.blockChain(b, t);
                String blocked = t.blocked() != null ? t.blocked() : chain.isEmpty() ? null
                        : String.join(" → ", chain.subList(1, chain.size())) + " " + b.task(chain.get(chain.size() - 1))
                                .map(x -> "is " + x.state()).orElse("is gone");
                String waiting = blocked == null && (t.state() == TaskState.QUEUED || t.state() == TaskState.ASSIGNED)
                        ? ReadyQueue.waitingFor(b, t, now).orElse(null) : null;
                out.add(new String[] {blocked, waiting});
            }
            return out;
        });
        for (int i = 0; i < open.size(); i++) {
            Task t = open.get(i);
            boolean held = t.state() == TaskState.ASSIGNED || t.state() == TaskState.WORKING;
            Optional<Lease> lease = held ? c.board().lease(t.id()).filter(l -> l.epoch() == t.epoch()
                    && l.agent().equals(t.assignee())) : Optional.empty();
            Instant expires = held ? Lease.effectiveExpiry(t, lease.orElse(null)) : null;
            rows.add(new Row(t, expires, expires != null && expires.isBefore(now), lease.map(Lease::note).orElse(null),
                    lease.map(Lease::renewedAt).orElse(null), holdUps.get(i)[0], holdUps.get(i)[1]));
        }
        return rows;
    }

    /**
     * A cheap fingerprint of what the board view depends on: the board's tip and every lease ref. Equal fingerprints
     * mean nothing but the clock has moved. In remote mode it fetches both first.
     */
    public static String signature(Session c) {
        c.refreshBoard();
        return c.history().fingerprint(dev.baton.store.BoardLayout.REF, dev.baton.store.LeaseStore.PREFIX);
    }
}

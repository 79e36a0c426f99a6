package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.core.Lease;
import dev.baton.core.Reap;
import dev.baton.core.Rejection;
import dev.baton.core.Renewal;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.store.CasRetry;
import dev.baton.store.LeaseStore;
import dev.baton.store.LoggedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Leases: renewing the actor's own (heartbeats) and taking back those that ran out (reaping). */
public final class Leases {

    private final Session session;

    Leases(Session session) {
        this.session = session;
    }

    /**
     * Renews the actor's lease on a task it holds (ASSIGNED or WORKING), carrying a progress note. Refused with
     * "lease lost" when the task has changed hands or its epoch moved on.
     */
    public Heartbeat heartbeat(String id, Long epoch, String note, Duration lease) {
        session.writes().admit();
        long seconds = session.leaseSeconds(lease);
        Long held = session.epochFor(id, epoch);
        LeaseStore store = session.leaseStore();
        return session.store().retry().run(LeaseStore.ref(id), "renewing the lease on", attempt -> {
            Task t = session.board().task(id);
            Optional<LeaseStore.Stored> current = store.read(id);
            var outcome = Lease.renew(t, session.actor(), held, current.map(LeaseStore.Stored::lease).orElse(null),
                    note, session.now(), seconds);
            if (outcome instanceof Rejection r) {
                return CasRetry.done(Lease.lostBy(t, session.actor(), held)
                        ? new Heartbeat(null, t, Lease.reapedFrom(t, session.actor(), held)
                                .map(a -> Lease.reapedMessage(t, a, leaseRanOut(id, a.epoch()))).orElse(r.message()), true)
                        : new Heartbeat(null, t, t.id() + " is " + t.state() + " now; no lease to keep", false));
            }
            Lease renewed = ((Renewal) outcome).lease();
            return session.writes().lease(renewed, current.map(LeaseStore.Stored::blob).orElse(null))
                    ? CasRetry.done(new Heartbeat(renewed, t, null, false)) : CasRetry.lostRace();
        });
    }

    /** When the lease of {@code epoch} on {@code id} ran out, by the reaper's evidence on the board; null if not found. */
    private Instant leaseRanOut(String id, long epoch) {
        for (LoggedEvent e : session.board().log(id, 4)) {
            if (e.event() != null && e.event().command() instanceof Reap reap && reap.epoch() == epoch) {
                return reap.leaseUntil();
            }
        }
        return null;
    }

    /**
     * Returns every task whose lease has run out (by this machine's clock) to QUEUED at a new epoch, or to FAILED once
     * it has used its attempts. A task someone else reaped or renewed meanwhile is left alone.
     */
    public List<Task> reapExpired() {
        session.writes().requireRole("reap");
        List<Task> reaped = new ArrayList<>();
        List<Task> held = session.read(b -> {
            List<Task> out = new ArrayList<>(b.inState(TaskState.ASSIGNED));
            out.addAll(b.inState(TaskState.WORKING));
            return out;
        });
        for (Task seen : held) {
            Lease lease = session.leaseStore().read(seen.id()).map(LeaseStore.Stored::lease).orElse(null);
            Instant expiry = Lease.effectiveExpiry(seen, lease);
            if (expiry == null || !expiry.isBefore(session.now())) {
                continue;
            }
            boolean current = lease != null && lease.epoch() == seen.epoch();
            try {
                Task t = session.writes().transition(board -> new Reap(seen.id(), seen.epoch(), expiry,
                        current ? lease.heartbeats() : 0, current ? lease.note() : null,
                        session.settings().maxAttempts())).task();
                session.writes().endLease(seen.id(), seen.epoch());
                session.transitions().postHandoff(t, "reap");
                reaped.add(t);
            } catch (BatonException.RejectedException e) {
                // renewed, finished or reaped by someone else since we looked: nothing to do
            }
        }
        return reaped;
    }

    /** Open tasks whose lease has run out and that the next reap would take back. */
    public List<Task> expired() {
        Instant now = session.now();
        return session.board().open().stream()
                .filter(t -> t.state() == TaskState.ASSIGNED || t.state() == TaskState.WORKING)
                .filter(t -> {
                    Instant e = Lease.effectiveExpiry(t, session.board().lease(t.id()).orElse(null));
                    return e != null && e.isBefore(now);
                })
                .toList();
    }
}

package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.core.Approve;
import dev.baton.core.BoardView;
import dev.baton.core.Cancel;
import dev.baton.core.Claim;
import dev.baton.core.ClaimNext;
import dev.baton.core.Command;
import dev.baton.core.DepAdd;
import dev.baton.core.DepRemove;
import dev.baton.core.Done;
import dev.baton.core.Edit;
import dev.baton.core.Fail;
import dev.baton.core.Handoff;
import dev.baton.core.Reject;
import dev.baton.core.Rejection;
import dev.baton.core.Release;
import dev.baton.core.Requeue;
import dev.baton.core.Reserve;
import dev.baton.core.Retry;
import dev.baton.core.Role;
import dev.baton.core.SetRoles;
import dev.baton.core.Spawn;
import dev.baton.core.SpawnBatch;
import dev.baton.core.Start;
import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.TaskState;
import dev.baton.store.Applied;
import dev.baton.store.Snapshot;
import dev.baton.worktree.Workspace;
import dev.baton.worktree.Worktrees;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Changing tasks through the state machine: each method builds a command, writes it through the {@link WritePath}
 * ({@link #write}), and then does what follows a landed write here (the worktree, the lease, the handoff post).
 */
public final class Transitions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Session session;

    Transitions(Session session) {
        this.session = session;
    }

    /** Decides {@code command} on the board as it is at each attempt and writes it. */
    public Applied write(Command command) {
        return write(board -> command);
    }

    private Applied write(Function<Snapshot, Command> command) {
        return session.writes().transition(command);
    }

    public Spawned spawn(SpawnRequest r) {
        BaseBranches.require(session.repository(), r.base());
        Applied a = write(board -> toSpawn(board, r));
        return new Spawned(a.task(), a.changed());
    }

    /** Creates many tasks in one commit, all or nothing. */
    public List<Task> spawnBatch(List<SpawnRequest> requests) {
        requests.stream().map(SpawnRequest::base).distinct()
                .forEach(base -> BaseBranches.require(session.repository(), base));
        AtomicReference<Set<String>> ids = new AtomicReference<>();
        Applied a = write(board -> {
            Set<String> drawn = new HashSet<>();
            List<Spawn> items = new ArrayList<>(requests.size());
            for (SpawnRequest r : requests) {
                Spawn s;
                do {
                    s = toSpawn(board, r);
                } while (!drawn.add(s.id()));
                items.add(s);
            }
            ids.set(drawn);
            return new SpawnBatch(items);
        });
        return a.changed() ? a.transition().changes().stream().filter(t -> ids.get().contains(t.id())).toList()
                : List.of();
    }

    private Spawn toSpawn(BoardView board, SpawnRequest r) {
        String id;
        do {
            id = TaskIds.random(RANDOM);
        } while (board.task(id).isPresent());
        return new Spawn(id, r.title(), r.spec(), r.assignee(), r.priority(), r.labels(), r.base(),
                session.leaseSeconds(r.lease()), r.after(), r.parent(), r.key(), r.onBlockerFail(), r.reserve());
    }

    /** Edits an open task; returns it and whether anything changed (nothing is written when nothing would). */
    public Applied edit(String id, String title, String spec, Integer priority, List<String> labels) {
        return write(new Edit(id, title, spec, priority, labels));
    }

    /** Makes {@code id} wait for {@code blocker}; returns the task and whether it changed. */
    public Applied addDependency(String id, String blocker) {
        return write(new DepAdd(id, blocker));
    }

    public Applied removeDependency(String id, String blocker) {
        return write(new DepRemove(id, blocker));
    }

    public Task claim(String id, Duration lease) {
        return write(new Claim(id, session.leaseSeconds(lease))).task();
    }

    /**
     * Claims the first ready task in queue order (with {@code label}, when given), after taking back expired leases;
     * refused with {@link Rejection.Kind#NOTHING_READY} when there is none.
     */
    public Task claimNext(String label, Duration lease) {
        session.writes().requireRole("claim");
        session.leases().reapExpired();
        Task t = write(new ClaimNext(label, session.leaseSeconds(lease))).task();
        session.worktrees().refresh(t);
        return t;
    }

    /**
     * Starts a task (ASSIGNED → WORKING, or QUEUED → WORKING claiming it) and gives it its worktree. A task the actor
     * already has WORKING is resumed: its worktree is made sure of, and the board does not change. The worktree is
     * made before the board moves, so a start that cannot have one (no such base, a worktree root it cannot write)
     * leaves the board as it was.
     */
    public Started start(String id, Long epoch, Duration lease) {
        Task before = session.board().task(id);
        Worktrees worktrees = session.worktrees();
        Long held = session.epochFor(id, epoch);
        if (before.state() == TaskState.WORKING && before.isOwnedBy(session.actor())) {
            if (held != null && held != before.epoch()) {
                throw BatonException.of(Rejection.refused("lease lost: you hold epoch " + held + ", " + id
                        + " is at epoch " + before.epoch()));
            }
            return new Started(before, worktrees.ensure(before, worktrees.baseFor(before)), true);
        }
        session.writes().admit();
        String base = worktrees.baseFor(before);
        boolean existed = worktrees.workspace(id).isPresent() || worktrees.pathFor(id).exists();
        worktrees.ensure(before, base);
        Task started;
        try {
            started = write(new Start(id, held, base, session.leaseSeconds(lease))).task();
        } catch (RuntimeException e) {
            // the worktree made for this start goes again, unless another start here won the task and uses it
            if (!existed && session.board().task(id).state() != TaskState.WORKING) {
                worktrees.remove(id, base, true);
            }
            throw e;
        }
        Workspace ws = worktrees.ensure(started, started.base() == null ? base : started.base());
        return new Started(started, ws, false);
    }

    public Task done(String id, Long epoch, Handoff handoff) {
        Task t = write(new Done(id, session.epochFor(id, epoch), handoff)).task();
        session.writes().endLease(id, t.epoch());
        postHandoff(t, "done");
        return t;
    }

    public Task reject(String id, String reason, Duration lease) {
        Task t = write(new Reject(id, reason, session.leaseSeconds(lease))).task();
        session.worktrees().refresh(t);
        postHandoff(t, "reject");
        return t;
    }

    public Task approve(String id) {
        return write(new Approve(id)).task();
    }

    /** Cancels the task; its worktree goes too when nothing would be lost (or with {@code force}). */
    public Finished cancel(String id, String reason, boolean force) {
        Task current = session.board().task(id);
        if (force && current.state() == TaskState.CANCELLED) {
            // cancelled earlier with its worktree kept: --force now removes what was kept
            return new Finished(current, session.worktrees().remove(id, current.base(), true));
        }
        Task t = write(new Cancel(id, reason)).task();
        session.writes().endLease(id, t.epoch());
        return new Finished(t, session.worktrees().remove(id, t.base(), force));
    }

    public Task fail(String id, Long epoch, String reason, Handoff handoff) {
        Task t = write(new Fail(id, session.epochFor(id, epoch), reason, handoff)).task();
        session.writes().endLease(id, t.epoch());
        postHandoff(t, "fail");
        return t;
    }

    public Task retry(String id) {
        return retry(id, null);
    }

    /** Queues a FAILED task again; with a delay, it is not ready before then (backoff between attempts). */
    public Task retry(String id, Duration delay) {
        return write(new Retry(id, delay == null ? null : delay.getSeconds())).task();
    }

    /** The owner hands the task back to the queue (at a new epoch) with a handoff. */
    public Task requeue(String id, Long epoch, Handoff handoff) {
        Task t = write(new Requeue(id, session.epochFor(id, epoch), handoff)).task();
        session.writes().endLease(id, t.epoch() - 1);
        return t;
    }

    /** Gives {@code agent} exactly {@code roles} (none: removes it). Returns false when nothing changed. */
    public boolean setRoles(String agent, List<Role> roles) {
        return write(new SetRoles(agent, roles)).changed();
    }

    public Task reserve(String id, Long epoch, List<String> globs, boolean shared, Duration ttl) {
        return write(new Reserve(id, session.epochFor(id, epoch), globs, shared,
                ttl == null ? null : ttl.getSeconds())).task();
    }

    public Applied release(String id, List<String> globs) {
        return write(new Release(id, globs));
    }

    /**
     * Sends what a landed transition left for the next reader to the task's thread. Best effort: the transition has
     * happened whatever becomes of this, so a failure is only a warning.
     */
    void postHandoff(Task t, String command) {
        try {
            session.messages().postHandoff(t, command);
        } catch (RuntimeException e) {
            session.warn("could not post the " + command + " handoff of " + t.id() + " to its thread: "
                    + e.getMessage());
        }
    }
}

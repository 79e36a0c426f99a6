package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.core.Approve;
import dev.baton.core.BlockerPolicy;
import dev.baton.core.BoardView;
import dev.baton.core.DepAdd;
import dev.baton.core.DepRemove;
import dev.baton.core.Edit;
import dev.baton.core.ReadyQueue;
import dev.baton.core.SpawnBatch;
import dev.baton.core.Cancel;
import dev.baton.core.Claim;
import dev.baton.core.Command;
import dev.baton.core.Done;
import dev.baton.core.Fail;
import dev.baton.core.Handoff;
import dev.baton.core.Merge;
import dev.baton.core.Reject;
import dev.baton.core.Rejection;
import dev.baton.core.Retry;
import dev.baton.core.Spawn;
import dev.baton.core.Start;
import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.TaskState;
import dev.baton.core.Lease;
import dev.baton.core.Reap;
import dev.baton.core.Renewal;
import dev.baton.store.Applied;
import dev.baton.store.BoardFsck;
import dev.baton.store.BoardStore;
import dev.baton.store.LeaseStore;
import dev.baton.store.LockRecovery;
import dev.baton.store.EventCodec;
import dev.baton.store.FormatException;
import dev.baton.store.Snapshot;
import dev.baton.worktree.Merger;
import dev.baton.worktree.Workspace;
import dev.baton.worktree.Worktrees;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * What baton does, for one actor in one repository: the layer between the commands people type and the board store,
 * worktrees and git. The CLI, the demo and the tests all go through it; none of them touch storage directly.
 */
public final class Coordinator implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Repository repo;
    private final BoardStore store;
    private final LeaseStore leases;
    private final Worktrees worktrees;
    private final Settings settings;
    private final String actor;
    private String trace;
    private java.util.function.Consumer<String> warnings = w -> System.err.println("baton: warning: " + w);

    private final dev.baton.store.BoardTransport transport;
    private final Clock clock;
    private final boolean offline;
    private boolean fresh;

    public Coordinator(Repository repo, Clock clock, String actor) {
        this(repo, clock, actor, false);
    }

    /**
     * @param offline read the local copy of a remote board without fetching (remote mode only); writes are refused
     */
    public Coordinator(Repository repo, Clock clock, String actor, boolean offline) {
        this.repo = repo;
        this.clock = clock;
        this.transport = Remotes.transportFor(repo);
        this.offline = offline;
        this.store = new BoardStore(repo, clock, dev.baton.store.Backoff.configured(), transport);
        this.leases = new LeaseStore(repo, transport);
        this.worktrees = new Worktrees(repo);
        this.settings = Settings.from(repo.getConfig());
        this.actor = actor;
    }

    /** Whether the board lives on a remote ({@code baton.remote}). */
    public boolean remoteMode() {
        return transport instanceof dev.baton.remote.GitRemoteTransport;
    }

    /** How old the local copy of a remote board is, for --offline reads: "fetched 3m ago", or empty locally. */
    public Optional<String> offlineAge() {
        if (!remoteMode() || !offline) {
            return Optional.empty();
        }
        return Optional.of(((dev.baton.remote.GitRemoteTransport) transport).lastFetch()
                .map(t -> "offline: the local copy of the board was fetched "
                        + Durations.format(Duration.between(t, store.now())) + " ago")
                .orElse("offline: the board has never been fetched from the remote"));
    }

    public String actor() {
        return requireActor();
    }

    public Settings settings() {
        return settings;
    }

    public Repository repository() {
        return repo;
    }

    public Worktrees worktrees() {
        return worktrees;
    }

    /** The time by this coordinator's clock. */
    public java.time.Instant now() {
        return store.now();
    }

    /** The correlation id set with {@link #trace(String)}, or null. */
    public String traceId() {
        return trace;
    }

    /** Records {@code id} (null: none) as the correlation id of every transition and message from now on. */
    public Coordinator trace(String id) {
        if (id != null && !dev.baton.core.Message.isValidTrace(id)) {
            throw BatonException.usage("'" + id + "' is not a trace id: use up to 128 letters, digits and . _ : / @ + -");
        }
        this.trace = id;
        store.trace(id);
        return this;
    }

    /** The correlation id in force, or null. */
    public String trace() {
        return trace;
    }

    /** Where warnings go (something best-effort that did not work); stderr unless said otherwise. */
    public void onWarning(java.util.function.Consumer<String> sink) {
        this.warnings = sink;
    }

    /** Where the shared refs live: this repository, or the remote in remote mode. */
    public dev.baton.store.BoardTransport transport() {
        return transport;
    }

    /** Messages and channels, for this actor. */
    public Messages messages() {
        return new Messages(this);
    }

    /** The heartbeat lease of a task, if one was written. */
    public Optional<Lease> lease(String id) {
        return leases.read(id).map(LeaseStore.Stored::lease);
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    public boolean init() {
        return store.init(requireActor());
    }

    /**
     * Turns on remote mode with {@code remote} ({@code git config baton.remote}) and makes sure the remote has a board:
     * it publishes this repository's board if the remote has none, or adopts the remote's. Returns what it did.
     */
    public String initRemote(String remote) {
        return Remotes.connect(repo, remote, requireActor(), store.now());
    }

    /** Fetches and pushes everything baton keeps in refs (remote mode): returns a line per ref family. */
    public List<String> sync() {
        if (!remoteMode()) {
            throw BatonException.usage("sync needs remote mode: `baton init --remote <name>` or git config baton.remote");
        }
        return Remotes.sync(repo, ((dev.baton.remote.GitRemoteTransport) transport).remote());
    }

    /** Reads the board now and applies {@code query} to it. */
    public <T> T read(Function<Snapshot, T> query) {
        if (!fresh && !offline && remoteMode()) {
            transport.refresh(dev.baton.store.BoardLayout.REF);
            leases.refresh();
        }
        fresh = true;
        try (Snapshot board = store.read()) {
            return query.apply(board);
        }
    }

    public Task task(String id) {
        return read(b -> b.task(id).orElseThrow(() -> BatonException.usage("no task " + id + " on the board")));
    }

    /** Tasks matching {@code filter}, in queue order. Uses the index for open states, else reads every task. */
    public List<Task> list(TaskFilter filter) {
        return read(b -> {
            List<Task> tasks = filter.state() != null && filter.state().isOpen()
                    ? b.inState(filter.state())
                    : b.all().stream().sorted(dev.baton.core.QueueOrder.COMPARATOR).toList();
            return tasks.stream().filter(filter).toList();
        });
    }

    /** The open tasks (everything but COMPLETED and CANCELLED), read from the index. */
    public List<Task> open() {
        return read(b -> {
            List<Task> out = new ArrayList<>();
            for (TaskState s : TaskState.values()) {
                if (s.isOpen()) {
                    out.addAll(b.inState(s));
                }
            }
            return out;
        });
    }

    /**
     * Turns what a user typed into a task id: a full id, or any unique prefix of one ("4k2p", "T-4k2p"). With
     * nothing typed, the task of the worktree the command runs in.
     */
    public String resolve(String typed) {
        if (typed == null || typed.isBlank()) {
            return Worktrees.taskOfCheckout(repo).orElseThrow(() -> BatonException.usage(
                    "which task? give its id (this is not a task worktree, so there is no default)"));
        }
        String prefix = TaskIds.normalizePrefix(typed);
        if (!prefix.substring(TaskIds.PREFIX.length()).chars().allMatch(c -> TaskIds.ALPHABET.indexOf(c) >= 0)
                || prefix.length() <= TaskIds.PREFIX.length()) {
            throw BatonException.usage("'" + typed + "' is not a task id");
        }
        List<String> ids = read(b -> b.idsStartingWith(prefix));
        if (ids.isEmpty()) {
            throw BatonException.usage("no task matches '" + typed + "'; see `baton list`");
        }
        if (ids.size() > 1) {
            List<String> shown = ids.stream().sorted().limit(5).toList();
            throw BatonException.usage("'" + typed + "' is ambiguous: it matches " + String.join(", ", shown)
                    + (ids.size() > shown.size() ? " and " + (ids.size() - shown.size()) + " more" : "")
                    + "; type more of the id");
        }
        return ids.get(0);
    }

    /** The board's transitions, newest first; only those of {@code taskId} when given. */
    public List<LoggedEvent> log(String taskId, int limit) {
        List<LoggedEvent> out = new ArrayList<>();
        read(b -> b); // checks that the board exists and that baton wrote its tip
        Optional<ObjectId> tip = store.tip();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(tip.get()));
            for (RevCommit c : walk) {
                var checkpoint = dev.baton.store.CheckpointCodec.decode(c.getFullMessage()).orElse(null);
                var event = checkpoint != null ? null : EventCodec.decode(c.getFullMessage()).orElse(null);
                if (taskId == null || (event != null && taskId.equals(event.taskId()))) {
                    out.add(new LoggedEvent(c.name(), c.getShortMessage(), event, checkpoint));
                    if (limit > 0 && out.size() >= limit) {
                        break;
                    }
                }
            }
        } catch (IOException | FormatException e) {
            throw BatonException.environment("cannot read the board's history: " + e.getMessage(), e);
        }
        return out;
    }

    // ---- transitions -----------------------------------------------------------------------------------------

    public Spawned spawn(SpawnRequest r) {
        Applied a = apply(board -> toSpawn(board, r));
        return new Spawned(a.task(), a.changed());
    }

    /** Creates many tasks in one commit, all or nothing. */
    public List<Task> spawnBatch(List<SpawnRequest> requests) {
        java.util.concurrent.atomic.AtomicReference<java.util.Set<String>> ids = new java.util.concurrent.atomic.AtomicReference<>();
        Applied a = apply(board -> {
            java.util.Set<String> drawn = new java.util.HashSet<>();
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
        return a.changed() ? a.transition().changes().stream().filter(t -> ids.get().contains(t.id())).toList() : List.of();
    }

    private Spawn toSpawn(BoardView board, SpawnRequest r) {
        String id;
        do {
            id = TaskIds.random(RANDOM);
        } while (board.task(id).isPresent());
        return new Spawn(id, r.title(), r.spec(), r.assignee(), r.priority(), r.labels(), r.base(),
                leaseSeconds(r.lease()), r.after(), r.parent(), r.key(), r.onBlockerFail(), r.reserve());
    }

    public Task edit(String id, String title, String spec, Integer priority, List<String> labels) {
        return apply(board -> new Edit(id, title, spec, priority, labels)).task();
    }

    /** Makes {@code id} wait for {@code blocker}; returns the task and whether it changed. */
    public Applied addDependency(String id, String blocker) {
        return apply(board -> new DepAdd(id, blocker));
    }

    public Applied removeDependency(String id, String blocker) {
        return apply(board -> new DepRemove(id, blocker));
    }

    /** The ready queue: what {@code claim --next} would take, in order. */
    public List<Task> ready(String label) {
        java.time.Instant now = store.now();
        return read(b -> ReadyQueue.ready(b, label, now));
    }

    /** An open task that cannot go on without help, with the chain from it to the cause. */
    public record Blocked(Task task, List<String> chain, String why) {
    }

    /** The open tasks that are blocked: marked so, or waiting (through any chain) on a FAILED or CANCELLED task. */
    public List<Blocked> blocked() {
        return read(b -> {
            List<Blocked> out = new ArrayList<>();
            for (TaskState s : List.of(TaskState.QUEUED, TaskState.ASSIGNED, TaskState.WORKING)) {
                for (Task t : b.inState(s)) {
                    List<String> chain = ReadyQueue.blockChain(b, t);
                    if (t.blocked() != null || !chain.isEmpty()) {
                        out.add(new Blocked(t, chain, t.blocked() != null ? t.blocked()
                                : chain.get(chain.size() - 1) + " is " + b.task(chain.get(chain.size() - 1))
                                        .map(x -> x.state().name()).orElse("?")));
                    }
                }
            }
            return out;
        });
    }

    /** The tasks with these ids (those that exist), in the given order. */
    public List<Task> tasks(java.util.Collection<String> ids) {
        return read(b -> ids.stream().map(b::task).flatMap(Optional::stream).toList());
    }

    /** Why an open task cannot start yet, or empty when nothing holds it back. */
    public Optional<String> waitingFor(Task t) {
        return read(b -> ReadyQueue.waitingFor(b, t));
    }

    /** Reads {@code ids} and every task they wait for, transitively: the dependency tree below them. */
    public java.util.Map<String, Task> closure(java.util.Collection<String> ids) {
        return read(b -> {
            java.util.Map<String, Task> out = new java.util.LinkedHashMap<>();
            java.util.Deque<String> todo = new java.util.ArrayDeque<>(ids);
            while (!todo.isEmpty()) {
                String id = todo.poll();
                if (!out.containsKey(id)) {
                    b.task(id).ifPresent(t -> {
                        out.put(id, t);
                        todo.addAll(t.blockers());
                        todo.addAll(t.subtasks());
                    });
                }
            }
            return out;
        });
    }

    public Task claim(String id, Duration lease) {
        return apply(board -> new Claim(id, leaseSeconds(lease))).task();
    }

    /** Claims the first QUEUED task in queue order (with {@code label}, when given); "nothing ready" otherwise. */
    public Task claimNext(String label, Duration lease) {
        reapExpired();
        long seconds = leaseSeconds(lease);
        Applied a = store.apply((board, now) -> {
            Optional<Task> next = ReadyQueue.first(board, label, now);
            if (next.isEmpty()) {
                return Rejection.refused("nothing ready" + (label == null ? "" : " with label " + label));
            }
            return new Claim(next.get().id(), seconds).decide(board, requireActor(), now);
        });
        refreshWorkspace(a.task());
        return a.task();
    }

    /**
     * Starts a task (ASSIGNED → WORKING, or QUEUED → WORKING claiming it) and gives it its worktree. A task the actor
     * already has WORKING is resumed: its worktree is made sure of, and the board does not change.
     */
    public Started start(String id, Long epoch, Duration lease) {
        Task before = task(id);
        if (before.state() == TaskState.WORKING && before.isOwnedBy(requireActor())) {
            Long held = epochFor(id, epoch);
            if (held != null && held != before.epoch()) {
                throw BatonException.of(Rejection.refused("lease lost: you hold epoch " + held + ", " + id
                        + " is at epoch " + before.epoch()));
            }
            return new Started(before, worktrees.ensure(before, worktrees.baseFor(before)), true);
        }
        String base = worktrees.baseFor(before);
        Task started = apply(board -> new Start(id, epochFor(id, epoch), base, leaseSeconds(lease)))
                .task();
        Workspace ws = worktrees.ensure(started, started.base() == null ? base : started.base());
        return new Started(started, ws, false);
    }

    public Task done(String id, Long epoch, Handoff handoff) {
        Task t = apply(board -> new Done(id, epochFor(id, epoch), handoff)).task();
        leases.remove(id, t.epoch());
        postHandoff(t, "done");
        return t;
    }

    public Task reject(String id, String reason, Duration lease) {
        Task t = apply(board -> new Reject(id, reason, leaseSeconds(lease))).task();
        refreshWorkspace(t);
        postHandoff(t, "reject");
        return t;
    }

    public Task approve(String id) {
        return apply(board -> new Approve(id)).task();
    }

    /**
     * Lands the task's branch on its base (rebase, then fast-forward), records it, and cleans up. Commits that landed
     * without this task's {@code Baton-Task}/{@code Baton-Epoch} trailers are recorded with the merge and returned;
     * with {@code baton.requireTrailers} they refuse it before the base moves.
     */
    public Merged merge(String id) {
        Task t = task(id);
        if (t.state() != TaskState.APPROVED) {
            preview(new Merge(id, "0".repeat(40))); // the state machine says why, in its own words
        }
        String base = t.base() != null ? t.base() : worktrees.baseFor(t);
        dev.baton.worktree.TrailerCheck trailers = dev.baton.worktree.TrailerCheck.forTask(t, base,
                dev.baton.worktree.TrailerCheck.required(repo.getConfig()));
        Merger merger = new Merger(worktrees, requireActor());
        if (!remoteMode()) {
            Merger.Landing landing = merger.land(id, base, trailers::enforce);
            List<dev.baton.worktree.UnverifiedCommit> unverified = trailers.judge(landing.commits());
            Task done = apply(board -> new Merge(id, landing.tip(), dev.baton.worktree.UnverifiedCommit.ids(unverified)))
                    .task();
            return new Merged(new Finished(done, worktrees.remove(id, base, false)), unverified);
        }
        String remote = ((dev.baton.remote.GitRemoteTransport) transport).remote();
        for (int attempt = 1; attempt <= 5; attempt++) {
            String remoteBase = Remotes.fetchBranch(repo, remote, base);
            merger.catchUp(base, remoteBase);
            String before = merger.tip(base);
            Merger.Landing landing = merger.land(id, base, trailers::enforce);
            String merged = landing.tip();
            List<dev.baton.worktree.UnverifiedCommit> unverified = trailers.judge(landing.commits());
            try {
                String who = requireActor();
                Merge command = new Merge(id, merged, dev.baton.worktree.UnverifiedCommit.ids(unverified));
                Task done = store.apply((board, now) -> command.decide(board, who, now),
                        List.of(new dev.baton.store.BoardTransport.RefMove("refs/heads/" + base,
                                ObjectId.fromString(remoteBase), ObjectId.fromString(merged)))).task();
                return new Merged(new Finished(done, worktrees.remove(id, base, false)), unverified);
            } catch (dev.baton.store.BoardTransport.CompanionMoved e) {
                // another merge landed on the remote base first: take this landing back off the local base (the task
                // branch keeps its commits), so that the next attempt catches up with the remote and lands on top
                if (!merged.equals(before) && !merger.unland(base, merged, before)) {
                    throw BatonException.environment(base + " moved here while merging " + id + "; try again");
                }
            }
        }
        throw BatonException.environment(base + " kept moving on remote " + remote + " while merging " + id
                + "; try again");
    }

    /** Cancels the task; its worktree goes too when nothing would be lost (or with {@code force}). */
    public Finished cancel(String id, String reason, boolean force) {
        Task current = task(id);
        if (force && current.state() == TaskState.CANCELLED) {
            // cancelled earlier with its worktree kept: --force now removes what was kept
            return new Finished(current, worktrees.remove(id, current.base(), true));
        }
        Task t = apply(board -> new Cancel(id, reason)).task();
        leases.remove(id, t.epoch());
        String base = t.base();
        return new Finished(t, worktrees.remove(id, base, force));
    }

    public Task fail(String id, Long epoch, String reason, Handoff handoff) {
        Task t = apply(board -> new Fail(id, epochFor(id, epoch), reason, handoff)).task();
        leases.remove(id, t.epoch());
        postHandoff(t, "fail");
        return t;
    }

    public Task retry(String id) {
        return retry(id, null);
    }

    /** Queues a FAILED task again; with a delay, it is not ready before then (backoff between attempts). */
    public Task retry(String id, Duration delay) {
        return apply(board -> new Retry(id, delay == null ? null : delay.getSeconds())).task();
    }

    /** The owner hands the task back to the queue (at a new epoch) with a handoff. */
    public Task requeue(String id, Long epoch, Handoff handoff) {
        Task t = apply(board -> new dev.baton.core.Requeue(id, epochFor(id, epoch), handoff)).task();
        leases.remove(id, t.epoch() - 1);
        return t;
    }

    // ---- roles and reservations ------------------------------------------------------------------------------

    /** The roles file on the board, if any. */
    public Optional<dev.baton.core.Roles> roles() {
        return read(BoardView::roles);
    }

    /** Gives {@code agent} exactly {@code roles} (none: removes it). Returns false when nothing changed. */
    public boolean setRoles(String agent, List<dev.baton.core.Role> roles) {
        return apply(board -> new dev.baton.core.SetRoles(agent, roles)).changed();
    }

    public Task reserve(String id, Long epoch, List<String> globs, boolean shared, Duration ttl) {
        return apply(board -> new dev.baton.core.Reserve(id, epochFor(id, epoch), globs, shared,
                ttl == null ? null : ttl.getSeconds())).task();
    }

    public Applied release(String id, List<String> globs) {
        return apply(board -> new dev.baton.core.Release(id, globs));
    }

    /** The WORKING tasks that hold reservations in force now. */
    public List<Task> reservations() {
        java.time.Instant now = store.now();
        return read(b -> b.inState(TaskState.WORKING).stream()
                .filter(t -> t.reservations() != null && t.reservations().stream().anyMatch(r -> r.activeAt(now)))
                .toList());
    }

    /** For each path, why task {@code id} may not commit it (another task's exclusive reservation), if it may not. */
    public List<String> reservedElsewhere(String id, java.util.Collection<String> paths) {
        java.time.Instant now = store.now();
        return read(b -> paths.stream()
                .map(p -> dev.baton.core.Reservations.exclusiveHolder(b, id, p, now))
                .flatMap(Optional::stream).toList());
    }

    /** Checks a proposed move of the board ref (a push to a server); see {@link BoardFsck#checkUpdate}. */
    public BoardFsck.Report checkUpdate(ObjectId oldTip, ObjectId newTip) {
        try {
            return BoardFsck.checkUpdate(repo, oldTip, newTip);
        } catch (IOException e) {
            throw BatonException.environment("cannot read the pushed commits: " + e.getMessage(), e);
        }
    }

    // ---- leases ----------------------------------------------------------------------------------------------

    /**
     * Renews the actor's lease on a task it holds (ASSIGNED or WORKING), carrying a progress note. Refused with
     * "lease lost" when the task has changed hands or its epoch moved on.
     */
    public Heartbeat heartbeat(String id, Long epoch, String note, Duration lease) {
        long seconds = leaseSeconds(lease);
        Long held = epochFor(id, epoch);
        for (int attempt = 1; attempt <= 20; attempt++) {
            Task t = task(id);
            Optional<LeaseStore.Stored> current = leases.read(id);
            var outcome = Lease.renew(t, requireActor(), held, current.map(LeaseStore.Stored::lease).orElse(null),
                    note, store.now(), seconds);
            if (outcome instanceof Rejection r) {
                return leaseLost(t, held)
                        ? new Heartbeat(null, t, r.message(), true)
                        : new Heartbeat(null, t, t.id() + " is " + t.state() + " now; no lease to keep", false);
            }
            Lease renewed = ((Renewal) outcome).lease();
            if (leases.write(renewed, current.map(LeaseStore.Stored::blob).orElse(null))) {
                return new Heartbeat(renewed, t, null, false);
            }
        }
        throw BatonException.environment("could not renew the lease of " + id + ": its ref kept changing");
    }

    /** Whether the actor lost {@code t} to someone else or to the reaper (rather than finishing with it). */
    private boolean leaseLost(Task t, Long held) {
        return !t.isOwnedBy(requireActor()) || (held != null && held != t.epoch()) || t.state() == TaskState.QUEUED
                || (t.state() == TaskState.FAILED && t.reason() != null && t.reason().startsWith("lease expired"));
    }

    /**
     * Returns every task whose lease has run out (by this machine's clock) to QUEUED at a new epoch, or to FAILED once
     * it has used its attempts. A task someone else reaped or renewed meanwhile is left alone.
     */
    public List<Task> reapExpired() {
        List<Task> reaped = new ArrayList<>();
        List<Task> held = read(b -> {
            List<Task> out = new ArrayList<>(b.inState(TaskState.ASSIGNED));
            out.addAll(b.inState(TaskState.WORKING));
            return out;
        });
        for (Task seen : held) {
            Lease lease = leases.read(seen.id()).map(LeaseStore.Stored::lease).orElse(null);
            java.time.Instant expiry = Lease.effectiveExpiry(seen, lease);
            if (expiry == null || !expiry.isBefore(store.now())) {
                continue;
            }
            try {
                Task t = store.apply((board, now) -> new Reap(seen.id(), seen.epoch(), expiry,
                        lease == null || lease.epoch() != seen.epoch() ? 0 : lease.heartbeats(),
                        lease == null || lease.epoch() != seen.epoch() ? null : lease.note(),
                        settings.maxAttempts()).decide(board, requireActor(), now)).task();
                leases.remove(seen.id(), seen.epoch());
                postHandoff(t, "reap");
                reaped.add(t);
            } catch (BatonException.RejectedException e) {
                // renewed, finished or reaped by someone else since we looked: nothing to do
            }
        }
        return reaped;
    }

    // ---- checking and repair ---------------------------------------------------------------------------------

    /** Replays the board's whole history through the state machine; see {@link BoardFsck}. */
    public BoardFsck.Report fsck(java.util.function.IntConsumer progress) {
        ObjectId tip = store.tip().orElseThrow(() -> BatonException.environment("no board yet; run `baton init` first"));
        try {
            return BoardFsck.check(repo, tip, progress, Archive.of(repo));
        } catch (IOException e) {
            throw BatonException.environment("cannot read the board's history: " + e.getMessage(), e);
        }
    }

    /**
     * Moves the board's history to the archive repository and starts the board again from its tip's snapshot; see
     * {@link Checkpointer}. {@code progress} hears a line at each long step.
     */
    public Checkpointer.Checkpoint checkpoint(java.util.function.Consumer<String> progress) {
        return Checkpointer.run(this, store, requireActor(), progress);
    }

    /** Replays the histories kept in the archive repository, by archive ref; see {@link Archive#replay}. */
    public java.util.Map<String, BoardFsck.Report> fsckArchive(java.util.function.IntConsumer progress) {
        return Archive.of(repo).replay(progress);
    }

    /** Where the archive repository of this board is (it may not exist). */
    public java.io.File archiveDir() {
        return Archive.of(repo).dir();
    }

    /** The lock files under refs/baton, stale or held. */
    public List<LockRecovery.LockReport> locks() {
        return store.lockRecovery().scan();
    }

    /** Removes the stale lock of {@code ref}; true when one was removed. */
    public boolean clearStaleLock(String ref) {
        try {
            return store.lockRecovery().recoverIfStale(ref);
        } catch (IOException e) {
            throw BatonException.environment("cannot clear the lock of " + ref + ": " + e.getMessage(), e);
        }
    }

    /** Open tasks whose lease has run out and that the next reap would take back. */
    public List<Task> expiredLeases() {
        java.time.Instant now = store.now();
        return open().stream()
                .filter(t -> t.state() == TaskState.ASSIGNED || t.state() == TaskState.WORKING)
                .filter(t -> {
                    java.time.Instant e = Lease.effectiveExpiry(t, leases.read(t.id()).map(LeaseStore.Stored::lease).orElse(null));
                    return e != null && e.isBefore(now);
                })
                .toList();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Decides {@code command} (built from the board as it is at each attempt) and writes it. */
    private Applied apply(Function<Snapshot, Command> command) {
        requireOnline();
        String who = requireActor();
        return store.apply((board, now) -> command.apply(board).decide(board, who, now));
    }

    /** Decides {@code command} on the board as it is, without writing: throws the rejection if there is one. */
    private void preview(Command command) {
        read(board -> {
            if (command.decide(board, requireActor(), store.now()) instanceof Rejection r) {
                throw BatonException.of(r);
            }
            return null;
        });
    }

    /**
     * The epoch a command on the owner's behalf carries: the one given, else the one this clone recorded when it
     * gave the actor the task's worktree.
     */
    private Long epochFor(String id, Long given) {
        if (given != null) {
            return given;
        }
        return worktrees.workspace(id).filter(ws -> requireActor().equals(ws.agent())).map(Workspace::epoch).orElse(null);
    }

    private void refreshWorkspace(Task t) {
        worktrees.refresh(t);
    }

    /**
     * Sends what a landed transition left for the next reader to the task's thread. Best effort: the transition has
     * happened whatever becomes of this, so a failure is only a warning.
     */
    private void postHandoff(Task t, String command) {
        try {
            messages().postHandoff(t, command);
        } catch (RuntimeException e) {
            warnings.accept("could not post the " + command + " handoff of " + t.id() + " to its thread: "
                    + e.getMessage());
        }
    }

    private long leaseSeconds(Duration lease) {
        return (lease == null ? settings.lease() : lease).getSeconds();
    }

    private void requireOnline() {
        if (offline && remoteMode()) {
            throw BatonException.usage("--offline only reads; a change must reach the remote board");
        }
    }

    private String requireActor() {
        if (actor == null) {
            throw new BatonException(ExitCode.USAGE, "who is acting? pass --as <agent>, set BATON_AGENT, "
                    + "or set git config user.email");
        }
        return actor;
    }

    @Override
    public void close() {
        repo.close();
    }

    /** Another coordinator on the same repository and actor, for a second thread (a heartbeat beside a run). */
    public Coordinator sibling() {
        repo.incrementOpen();
        Coordinator c = new Coordinator(repo, clock, actor, offline);
        c.trace(trace);
        return c;
    }
}

package dev.baton.app;

import dev.baton.store.LoggedEvent;
import dev.baton.BatonException;
import dev.baton.core.BoardView;
import dev.baton.core.Lease;
import dev.baton.core.QueueOrder;
import dev.baton.core.ReadyQueue;
import dev.baton.core.Reservations;
import dev.baton.core.Roles;
import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.TaskState;
import dev.baton.store.LeaseStore;
import dev.baton.store.Snapshot;
import dev.baton.worktree.Workspace;
import dev.baton.worktree.Worktrees;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;

/** Reading the board: tasks, the ready queue and what blocks it, task ids, leases, worktrees, the log. */
public final class BoardQueries {

    private final Session session;

    BoardQueries(Session session) {
        this.session = session;
    }

    /** Reads the board now and applies {@code query} to it. */
    public <T> T read(Function<Snapshot, T> query) {
        return session.read(query);
    }

    public Task task(String id) {
        return read(b -> b.task(id).orElseThrow(() -> BatonException.usage("no task " + id + " on the board")));
    }

    /** The tasks with these ids (those that exist), in the given order. */
    public List<Task> tasks(Collection<String> ids) {
        return read(b -> ids.stream().map(b::task).flatMap(Optional::stream).toList());
    }

    /** Tasks matching {@code filter}, in queue order. Uses the index for open states, else reads every task. */
    public List<Task> list(TaskFilter filter) {
        return read(b -> {
            List<Task> tasks = filter.state() != null && filter.state().isOpen()
                    ? b.inState(filter.state())
                    : b.all().stream().sorted(QueueOrder.COMPARATOR).toList();
            return tasks.stream().filter(filter).toList();
        });
    }

    /** The open tasks (everything but COMPLETED and CANCELLED), read from the index. */
    public List<Task> open() {
        return read(BoardQueries::open);
    }

    static List<Task> open(BoardView b) {
        List<Task> out = new ArrayList<>();
        for (TaskState s : TaskState.values()) {
            if (s.isOpen()) {
                out.addAll(b.inState(s));
            }
        }
        return out;
    }

    /**
     * Turns what a user typed into a task id: a full id, or any unique prefix of one ("4k2p", "T-4k2p"). With
     * nothing typed, the task of the worktree the command runs in.
     */
    public String resolve(String typed) {
        if (typed == null || typed.isBlank()) {
            return Worktrees.taskOfCheckout(session.repository()).orElseThrow(() -> BatonException.usage(
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

    /** The ready queue: what {@code claim --next} would take, in order. */
    public List<Task> ready(String label) {
        Instant now = session.now();
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
                        String last = chain.isEmpty() ? null : chain.get(chain.size() - 1);
                        out.add(new Blocked(t, chain, t.blocked() != null ? t.blocked()
                                : last + " is " + b.task(last).map(x -> x.state().name()).orElse("?")));
                    }
                }
            }
            return out;
        });
    }

    /** Why an open task cannot start yet (its blockers, or a retry's backoff now), or empty when nothing holds it. */
    public Optional<String> waitingFor(Task t) {
        Instant now = session.now();
        return read(b -> ReadyQueue.waitingFor(b, t, now));
    }

    /** Reads {@code ids} and every task they wait for, transitively: the dependency tree below them. */
    public Map<String, Task> closure(Collection<String> ids) {
        return read(b -> {
            Map<String, Task> out = new LinkedHashMap<>();
            Deque<String> todo = new ArrayDeque<>(ids);
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

    /** The roles file on the board, if any. */
    public Optional<Roles> roles() {
        return read(BoardView::roles);
    }

    /** The WORKING tasks that hold reservations in force now. */
    public List<Task> reservations() {
        Instant now = session.now();
        return read(b -> b.inState(TaskState.WORKING).stream()
                .filter(t -> t.reservations() != null && t.reservations().stream().anyMatch(r -> r.activeAt(now)))
                .toList());
    }

    /** For each path, why task {@code id} may not commit it (another task's exclusive reservation), if it may not. */
    public List<String> reservedElsewhere(String id, Collection<String> paths) {
        Instant now = session.now();
        return read(b -> paths.stream()
                .map(p -> Reservations.exclusiveHolder(b, id, p, now))
                .flatMap(Optional::stream).toList());
    }

    /**
     * Refuses a base that is not a valid branch name, or that does not exist here (in remote mode: as last fetched
     * from the remote); null (no base) passes.
     */
    public void requireBase(String base) {
        BaseBranches.require(session.repository(), base);
    }

    /** The heartbeat lease of a task, if one was written. */
    public Optional<Lease> lease(String id) {
        return session.leaseStore().read(id).map(LeaseStore.Stored::lease);
    }

    /** The worktree this clone gave a task, if any. */
    public Optional<Workspace> workspace(String id) {
        return session.worktrees().workspace(id);
    }

    /** The epoch the actor holds a task at, by the worktree this clone gave it; empty when it gave none. */
    public Optional<Long> heldEpoch(String id) {
        return Optional.ofNullable(session.epochFor(id, null));
    }

    /** The board's tip commit as this repository has it now (no fetch), or empty when there is no board. */
    public Optional<ObjectId> tip() {
        return session.store().tip();
    }

    /** The board's transitions, newest first; only those of {@code taskId} when given. */
    public List<LoggedEvent> log(String taskId, int limit) {
        List<LoggedEvent> out = new ArrayList<>();
        read(b -> b); // checks that the board exists and that baton wrote its tip
        session.history().walk(session.store().tip().orElseThrow(), null, e -> {
            LoggedEvent event = e.event();
            if (taskId == null || (event.event() != null && taskId.equals(event.event().taskId()))) {
                out.add(event);
            }
            return limit <= 0 || out.size() < limit;
        });
        return out;
    }
}

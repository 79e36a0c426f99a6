package dev.baton.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A board of several tasks for the work-queue tests, driven through real commands on a {@link MemoryBoard} with a fake
 * clock that moves one minute per decided command. Every accepted command is kept with its actor and time, so a test
 * can replay the whole script.
 */
final class QueueScript {

    static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    static final String A = "T-aaaaaaaa";
    static final String B = "T-bbbbbbbb";
    static final String C = "T-cccccccc";
    static final String D = "T-dddddddd";
    static final String E = "T-eeeeeeee";
    static final String F = "T-ffffffff";
    static final String LEAD = "lead";
    static final String OWNER = "agent-a";
    static final String REVIEWER = "agent-b";
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final long LEASE = 900;

    /** One accepted command, as it would be recorded. */
    record Step(String actor, Command command, Instant at, Transition transition) {
    }

    private MemoryBoard board = MemoryBoard.empty();
    private int minute;
    private final List<Step> steps = new ArrayList<>();

    // ---- spawning ----

    /** A spawn with everything but the title at its default. */
    static Spawn spawnOf(String id, String title) {
        return new Spawn(id, title, null, null, Task.DEFAULT_PRIORITY, List.of(), null, LEASE, List.of(), null, null,
                null);
    }

    static Spawn after(String id, String title, BlockerPolicy policy, String... blockers) {
        return new Spawn(id, title, null, null, Task.DEFAULT_PRIORITY, List.of(), null, LEASE, List.of(blockers), null,
                null, policy);
    }

    static Spawn child(String id, String title, String parent) {
        return new Spawn(id, title, null, null, Task.DEFAULT_PRIORITY, List.of(), null, LEASE, List.of(), parent, null,
                null);
    }

    static Spawn keyed(String id, String title, String spec, String key) {
        return new Spawn(id, title, spec, null, Task.DEFAULT_PRIORITY, List.of(), null, LEASE, List.of(), null, key,
                null);
    }

    static Spawn prioritized(String id, String title, int priority, String... labels) {
        return new Spawn(id, title, null, null, priority, List.of(labels), null, LEASE, List.of(), null, null, null);
    }

    QueueScript spawn(String id) {
        accept(LEAD, spawnOf(id, "task " + id));
        return this;
    }

    QueueScript spawnAfter(String id, BlockerPolicy policy, String... blockers) {
        accept(LEAD, after(id, "task " + id, policy, blockers));
        return this;
    }

    QueueScript spawnChild(String id, String parent) {
        accept(LEAD, child(id, "task " + id, parent));
        return this;
    }

    // ---- driving one task ----

    QueueScript claim(String id) {
        accept(OWNER, new Claim(id, LEASE));
        return this;
    }

    QueueScript start(String id) {
        accept(OWNER, new Start(id, null, "main", LEASE));
        return this;
    }

    /** Claims, starts, hands in and approves {@code id}: it is APPROVED, one merge away from COMPLETED. */
    QueueScript approve(String id) {
        start(id);
        accept(OWNER, new Done(id, task(id).epoch(), Handoff.summary("done")));
        accept(REVIEWER, new Approve(id));
        return this;
    }

    /** Takes {@code id} from QUEUED to COMPLETED; returns the merge transition. */
    Transition complete(String id) {
        approve(id);
        return merge(id);
    }

    Transition merge(String id) {
        return accept(LEAD, new Merge(id, COMMIT));
    }

    /** Starts {@code id} and fails it; returns the fail transition. */
    Transition fail(String id) {
        start(id);
        return accept(OWNER, new Fail(id, task(id).epoch(), "the build is red", null));
    }

    Transition retry(String id) {
        return accept(LEAD, new Retry(id));
    }

    Transition cancel(String id) {
        return accept(LEAD, new Cancel(id, "not needed"));
    }

    // ---- deciding ----

    Outcome decide(String actor, Command command) {
        minute++;
        return command.decide(board, actor, now());
    }

    /** Moves the clock on by {@code minutes} without deciding anything. */
    void advance(int minutes) {
        minute += minutes;
    }

    /** The instant the last command was decided at. */
    Instant now() {
        return T0.plusSeconds(60L * minute);
    }

    Transition accept(String actor, Command command) {
        Outcome outcome = decide(actor, command);
        assertThat(outcome).as("%s by %s", command, actor).isInstanceOf(Transition.class);
        Transition t = (Transition) outcome;
        board = board.apply(t);
        steps.add(new Step(actor, command, now(), t));
        return t;
    }

    /** Decides {@code command}, which must be rejected, and checks the board is untouched. */
    Rejection refuse(String actor, Command command) {
        List<Task> before = board.all();
        Outcome outcome = decide(actor, command);
        assertThat(outcome).as("%s by %s", command, actor).isInstanceOf(Rejection.class);
        assertThat(board.all()).isEqualTo(before);
        return (Rejection) outcome;
    }

    /** Decides {@code command}, which must change nothing; returns the task it names. */
    NoChange noChange(String actor, Command command) {
        List<Task> before = board.all();
        Outcome outcome = decide(actor, command);
        assertThat(outcome).as("%s by %s", command, actor).isInstanceOf(NoChange.class);
        assertThat(board.all()).isEqualTo(before);
        return (NoChange) outcome;
    }

    MemoryBoard board() {
        return board;
    }

    Task task(String id) {
        return board.task(id).orElseThrow();
    }

    TaskState state(String id) {
        return task(id).state();
    }

    List<String> ready() {
        return ReadyQueue.ready(board, null).stream().map(Task::id).toList();
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The ids a transition changes. */
    static List<String> ids(Transition t) {
        return t.changes().stream().map(Task::id).toList();
    }

    /** The version of {@code id} a transition writes. */
    static Task changed(Transition t, String id) {
        return t.changes().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not changed by " + t.event().subject()));
    }
}

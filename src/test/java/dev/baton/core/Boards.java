package dev.baton.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted board for tests: one task driven through real commands on a {@link MemoryBoard}, with a fake clock that
 * moves one minute per decided command. Nothing here reads a real clock.
 */
final class Boards {

    static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    static final String ID = "T-4k2p7q9m";
    static final String TITLE = "Implement login";
    static final String LEAD = "lead";
    static final String OWNER = "agent-a";
    static final String REVIEWER = "agent-b";
    static final String OTHER = "agent-c";
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final long LEASE = 900;

    private MemoryBoard board = MemoryBoard.empty();
    private int minute;
    private final List<Event> events = new ArrayList<>();

    /** An empty board. */
    static Boards empty() {
        return new Boards();
    }

    /** A board holding task {@link #ID}, spawned by {@link #LEAD}, QUEUED at epoch 0. */
    static Boards queued() {
        Boards b = new Boards();
        b.accept(LEAD, spawn(ID, TITLE));
        return b;
    }

    /**
     * A board holding task {@link #ID} in {@code state}, reached from spawn by real commands: the owner is
     * {@link #OWNER}, the reviewer {@link #REVIEWER}.
     */
    static Boards drive(TaskState state) {
        Boards b = queued();
        switch (state) {
            case QUEUED -> { }
            case ASSIGNED -> b.claim(OWNER);
            case WORKING -> b.claim(OWNER).start();
            case IN_REVIEW -> b.claim(OWNER).start().done();
            case APPROVED -> b.claim(OWNER).start().done().approve();
            case COMPLETED -> b.claim(OWNER).start().done().approve().merge();
            case CANCELLED -> b.claim(OWNER).start().cancel();
            case FAILED -> b.claim(OWNER).start().fail();
        }
        assertThat(b.task().state()).isEqualTo(state);
        return b;
    }

    // ---- steps that must be accepted ----

    Boards claim(String actor) {
        accept(actor, new Claim(ID, LEASE));
        return this;
    }

    Boards start() {
        accept(OWNER, new Start(ID, task().epoch(), null, LEASE));
        return this;
    }

    Boards done() {
        accept(OWNER, new Done(ID, task().epoch(), Handoff.summary("login form and session cookie")));
        return this;
    }

    Boards reject() {
        accept(REVIEWER, new Reject(ID, "no tests for expired sessions", LEASE));
        return this;
    }

    Boards approve() {
        accept(REVIEWER, new Approve(ID));
        return this;
    }

    Boards merge() {
        accept(LEAD, new Merge(ID, COMMIT));
        return this;
    }

    Boards cancel() {
        accept(LEAD, new Cancel(ID, "superseded"));
        return this;
    }

    Boards fail() {
        accept(task().assignee(), new Fail(ID, task().epoch(), "the auth service is down", null));
        return this;
    }

    Boards retry() {
        accept(LEAD, new Retry(ID));
        return this;
    }

    // ---- deciding ----

    /** The instant the next command will be decided at. */
    Instant nextTime() {
        return T0.plusSeconds(60L * (minute + 1));
    }

    /** Decides {@code command} by {@code actor} at the next minute; the board is not changed. */
    Outcome decide(String actor, Command command) {
        minute++;
        return command.decide(board, actor, T0.plusSeconds(60L * minute));
    }

    /** Decides and applies {@code command}, which must be accepted. */
    Transition accept(String actor, Command command) {
        Outcome outcome = decide(actor, command);
        assertThat(outcome).as("%s by %s", command, actor).isInstanceOf(Transition.class);
        Transition t = (Transition) outcome;
        board = board.apply(t);
        events.add(t.event());
        return t;
    }

    /** Decides {@code command}, which must be rejected, and checks that the board still holds the very same task. */
    Rejection refuse(String actor, Command command) {
        List<Task> before = board.all();
        Outcome outcome = decide(actor, command);
        assertThat(outcome).as("%s by %s", command, actor).isInstanceOf(Rejection.class);
        List<Task> after = board.all();
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).isSameAs(before.get(i));
        }
        return (Rejection) outcome;
    }

    MemoryBoard board() {
        return board;
    }

    Task task() {
        return board.task(ID).orElseThrow();
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    // ---- command factories ----

    static Spawn spawn(String id, String title) {
        return new Spawn(id, title, null, null, Task.DEFAULT_PRIORITY, List.of(), null, LEASE);
    }

    static Spawn spawnTo(String id, String title, String assignee) {
        return new Spawn(id, title, null, assignee, Task.DEFAULT_PRIORITY, List.of(), null, LEASE);
    }

    static Spawn spawn(String id, String title, int priority) {
        return new Spawn(id, title, null, null, priority, List.of(), null, LEASE);
    }
}

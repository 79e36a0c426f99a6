package dev.baton.core;

import static dev.baton.core.Boards.COMMIT;
import static dev.baton.core.Boards.ID;
import static dev.baton.core.Boards.LEAD;
import static dev.baton.core.Boards.LEASE;
import static dev.baton.core.Boards.OTHER;
import static dev.baton.core.Boards.OWNER;
import static dev.baton.core.Boards.REVIEWER;
import static dev.baton.core.Boards.T0;
import static dev.baton.core.Boards.TITLE;
import static dev.baton.core.TaskState.APPROVED;
import static dev.baton.core.TaskState.ASSIGNED;
import static dev.baton.core.TaskState.COMPLETED;
import static dev.baton.core.TaskState.FAILED;
import static dev.baton.core.TaskState.IN_REVIEW;
import static dev.baton.core.TaskState.QUEUED;
import static dev.baton.core.TaskState.WORKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core is a pure function: the same commands at the same times give the same board, and events replay. */
class ReplayTest {

    private static final String OTHER_ID = "T-9zx8w7v6";

    record Step(String actor, Command command, Instant at) {
    }

    /** Two tasks, interleaved, through review, a rejection, a failure and a retry. */
    private static List<Step> script() {
        List<Step> s = new ArrayList<>();
        int[] minute = {0};
        java.util.function.BiConsumer<String, Command> add =
                (actor, c) -> s.add(new Step(actor, c, T0.plusSeconds(60L * ++minute[0])));
        add.accept(LEAD, Boards.spawn(ID, TITLE));
        add.accept(LEAD, new Spawn(OTHER_ID, "Fix flaky test", "see CI run 42", OTHER, 0, List.of("ci"), "main", LEASE));
        add.accept(OWNER, new Claim(ID, LEASE));
        add.accept(OWNER, new Start(ID, 1L, "main", LEASE));
        add.accept(OTHER, new Start(OTHER_ID, 1L, null, LEASE));
        add.accept(OWNER, new Done(ID, 1L, new Handoff("login form", "LoginController", null, "review", null)));
        add.accept(REVIEWER, new Reject(ID, "no test for expired sessions", LEASE));
        add.accept(OTHER, new Fail(OTHER_ID, 1L, "cannot reproduce", Handoff.summary("ran 50 times")));
        add.accept(LEAD, new Retry(OTHER_ID));
        add.accept(REVIEWER, new Claim(OTHER_ID, LEASE));
        add.accept(OWNER, new Done(ID, 1L, Handoff.summary("added the test")));
        add.accept(REVIEWER, new Approve(ID));
        add.accept(LEAD, new Merge(ID, COMMIT));
        return s;
    }

    private record Run(MemoryBoard board, List<Event> events) {
    }

    private static Run run(List<Step> script) {
        MemoryBoard board = MemoryBoard.empty();
        List<Event> events = new ArrayList<>();
        for (Step step : script) {
            Outcome o = step.command().decide(board, step.actor(), step.at());
            assertThat(o).as("%s", step).isInstanceOf(Transition.class);
            Transition t = (Transition) o;
            board = board.apply(t);
            events.add(t.event());
        }
        return new Run(board, events);
    }

    @Test
    void theSameScriptGivesTheSameBoardTwice() {
        Run first = run(script());
        Run second = run(script());
        assertThat(second.board().all()).isEqualTo(first.board().all());
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(first.board().all()).hasSize(2);
    }

    @Test
    void theScriptEndsWhereExpected() {
        MemoryBoard board = run(script()).board();
        Task login = board.task(ID).orElseThrow();
        assertThat(login.state()).isEqualTo(COMPLETED);
        assertThat(login.epoch()).isEqualTo(1);
        assertThat(login.base()).isEqualTo("main");
        assertThat(login.mergedCommit()).isEqualTo(COMMIT);
        assertThat(login.reason()).isEqualTo("no test for expired sessions");
        assertThat(login.handoff()).isEqualTo(Handoff.summary("added the test"));
        assertThat(login.createdAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(login.updatedAt()).isEqualTo(T0.plusSeconds(13 * 60));

        Task flaky = board.task(OTHER_ID).orElseThrow();
        assertThat(flaky.state()).isEqualTo(ASSIGNED);
        assertThat(flaky.assignee()).isEqualTo(REVIEWER);
        assertThat(flaky.epoch()).isEqualTo(2);
        assertThat(flaky.attempt()).isEqualTo(2);
        assertThat(flaky.priority()).isZero();
        assertThat(flaky.labels()).containsExactly("ci");
        assertThat(flaky.spec()).isEqualTo("see CI run 42");
    }

    @Test
    void eachEventRecordsTheChange() {
        List<Event> events = run(script()).events();
        assertThat(events)
                .extracting(e -> e.command().name(), Event::taskId, Event::from, Event::to, Event::epoch,
                        Event::actor, Event::time)
                .containsExactly(
                        tuple("spawn", ID, null, QUEUED, 0L, LEAD, T0.plusSeconds(60)),
                        tuple("spawn", OTHER_ID, null, ASSIGNED, 1L, LEAD, T0.plusSeconds(120)),
                        tuple("claim", ID, QUEUED, ASSIGNED, 1L, OWNER, T0.plusSeconds(180)),
                        tuple("start", ID, ASSIGNED, WORKING, 1L, OWNER, T0.plusSeconds(240)),
                        tuple("start", OTHER_ID, ASSIGNED, WORKING, 1L, OTHER, T0.plusSeconds(300)),
                        tuple("done", ID, WORKING, IN_REVIEW, 1L, OWNER, T0.plusSeconds(360)),
                        tuple("reject", ID, IN_REVIEW, WORKING, 1L, REVIEWER, T0.plusSeconds(420)),
                        tuple("fail", OTHER_ID, WORKING, FAILED, 1L, OTHER, T0.plusSeconds(480)),
                        tuple("retry", OTHER_ID, FAILED, QUEUED, 1L, LEAD, T0.plusSeconds(540)),
                        tuple("claim", OTHER_ID, QUEUED, ASSIGNED, 2L, REVIEWER, T0.plusSeconds(600)),
                        tuple("done", ID, WORKING, IN_REVIEW, 1L, OWNER, T0.plusSeconds(660)),
                        tuple("approve", ID, IN_REVIEW, APPROVED, 1L, REVIEWER, T0.plusSeconds(720)),
                        tuple("merge", ID, APPROVED, COMPLETED, 1L, LEAD, T0.plusSeconds(780)));
        assertThat(events).allSatisfy(e -> assertThat(e.command().taskId()).isEqualTo(e.taskId()));
    }

    @Test
    void eventSubjectReadsAsOneLine() {
        List<Event> events = run(script()).events();
        assertThat(events.get(3).subject()).isEqualTo("start " + ID + " Implement login (agent-a)");
        assertThat(events.get(0).subject()).isEqualTo("spawn " + ID + " Implement login (lead)");
        assertThat(events.get(8).subject()).isEqualTo("retry " + OTHER_ID + " Fix flaky test (lead)");
        assertThat(events.get(12).subject()).isEqualTo("merge " + ID + " Implement login (lead)");
    }

    @Test
    void eventsCarryTheStrippedTitle() {
        Boards b = Boards.empty();
        Event e = b.accept(LEAD, Boards.spawn(ID, "  Implement login  ")).event();
        assertThat(e.title()).isEqualTo("Implement login");
        assertThat(e.subject()).isEqualTo("spawn " + ID + " Implement login (lead)");
    }

    @Test
    void replayingTheEventsReproducesTheTransitions() {
        Run original = run(script());
        MemoryBoard board = MemoryBoard.empty();
        for (Event e : original.events()) {
            Outcome o = e.command().decide(board, e.actor(), e.time());
            assertThat(o).isInstanceOf(Transition.class);
            assertThat(((Transition) o).event()).isEqualTo(e);
            board = board.apply((Transition) o);
        }
        assertThat(board.all()).isEqualTo(original.board().all());
    }

    @Test
    void decidingTwiceOnOneBoardGivesEqualOutcomes() {
        Boards b = Boards.drive(TaskState.WORKING);
        Instant at = T0.plusSeconds(3600);
        for (Command c : List.<Command>of(new Done(ID, 1L, Handoff.NONE), new Claim(ID, LEASE),
                new Fail(ID, 1L, "x", null), new Cancel(ID, null))) {
            assertThat(c.decide(b.board(), OWNER, at)).isEqualTo(c.decide(b.board(), OWNER, at));
        }
    }

    @Test
    void aDifferentTimeGivesADifferentRecord() {
        Run early = run(script());
        List<Step> later = script().stream()
                .map(s -> new Step(s.actor(), s.command(), s.at().plusSeconds(1))).toList();
        assertThat(run(later).board().all()).isNotEqualTo(early.board().all());
    }
}

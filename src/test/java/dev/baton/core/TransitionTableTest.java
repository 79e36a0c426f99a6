package dev.baton.core;

import static dev.baton.core.Boards.COMMIT;
import static dev.baton.core.Boards.ID;
import static dev.baton.core.Boards.LEAD;
import static dev.baton.core.Boards.LEASE;
import static dev.baton.core.Boards.OTHER;
import static dev.baton.core.Boards.OWNER;
import static dev.baton.core.Boards.REVIEWER;
import static dev.baton.core.Boards.TITLE;
import static dev.baton.core.TaskState.APPROVED;
import static dev.baton.core.TaskState.ASSIGNED;
import static dev.baton.core.TaskState.CANCELLED;
import static dev.baton.core.TaskState.COMPLETED;
import static dev.baton.core.TaskState.FAILED;
import static dev.baton.core.TaskState.IN_REVIEW;
import static dev.baton.core.TaskState.QUEUED;
import static dev.baton.core.TaskState.WORKING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every task command in every state. The table below is the whole protocol: a pair that is listed must be accepted
 * with exactly the listed target state, a pair that is not listed must be refused and leave the board untouched.
 */
class TransitionTableTest {

    /** Each task command, given by the actor that would be allowed to give it if anyone is. */
    enum Verb {
        CLAIM(OTHER, t -> new Claim(t.id(), LEASE)),
        START(OWNER, t -> new Start(t.id(), t.epoch(), null, LEASE)),
        DONE(OWNER, t -> new Done(t.id(), t.epoch(), Handoff.summary("done"))),
        REJECT(REVIEWER, t -> new Reject(t.id(), "needs tests", LEASE)),
        APPROVE(REVIEWER, t -> new Approve(t.id())),
        MERGE(LEAD, t -> new Merge(t.id(), COMMIT)),
        CANCEL(LEAD, t -> new Cancel(t.id(), "not needed")),
        FAIL(OWNER, t -> new Fail(t.id(), t.epoch(), "cannot reproduce", null)),
        RETRY(LEAD, t -> new Retry(t.id()));

        final String actor;
        final Function<Task, Command> make;

        Verb(String actor, Function<Task, Command> make) {
            this.actor = actor;
            this.make = make;
        }
    }

    /** The allowed (state, command) pairs and where each leads. Everything else is refused. */
    static final Map<TaskState, Map<Verb, TaskState>> ALLOWED = new EnumMap<>(TaskState.class);

    static {
        allow(QUEUED, Verb.CLAIM, ASSIGNED);
        allow(QUEUED, Verb.START, WORKING);
        allow(ASSIGNED, Verb.START, WORKING);
        allow(WORKING, Verb.DONE, IN_REVIEW);
        allow(IN_REVIEW, Verb.REJECT, WORKING);
        allow(IN_REVIEW, Verb.APPROVE, APPROVED);
        allow(APPROVED, Verb.MERGE, COMPLETED);
        for (TaskState s : List.of(QUEUED, ASSIGNED, WORKING, IN_REVIEW, APPROVED)) {
            allow(s, Verb.CANCEL, CANCELLED);
        }
        allow(ASSIGNED, Verb.FAIL, FAILED);
        allow(WORKING, Verb.FAIL, FAILED);
        allow(FAILED, Verb.RETRY, QUEUED);
    }

    private static void allow(TaskState from, Verb verb, TaskState to) {
        ALLOWED.computeIfAbsent(from, s -> new EnumMap<>(Verb.class)).put(verb, to);
    }

    static Stream<Arguments> everyStateAndCommand() {
        List<Arguments> all = new ArrayList<>();
        for (TaskState state : TaskState.values()) {
            for (Verb verb : Verb.values()) {
                all.add(Arguments.of(state, verb));
            }
        }
        return all.stream();
    }

    @Test
    void tableHasFifteenAllowedPairs() {
        long pairs = ALLOWED.values().stream().mapToLong(Map::size).sum();
        assertThat(pairs).isEqualTo(15);
        assertThat(everyStateAndCommand()).hasSize(8 * 9);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("everyStateAndCommand")
    void commandInState(TaskState state, Verb verb) {
        Boards b = Boards.drive(state);
        Task before = b.task();
        MemoryBoard boardBefore = b.board();
        Command command = verb.make.apply(before);
        TaskState expected = ALLOWED.getOrDefault(state, Map.of()).get(verb);

        Outcome outcome = b.decide(verb.actor, command);

        // Deciding never mutates: the board holds the very same record either way.
        assertThat(boardBefore.task(ID)).containsSame(before);
        if (expected == null) {
            assertThat(outcome).isInstanceOf(Rejection.class);
            Rejection r = (Rejection) outcome;
            assertThat(r.kind()).isEqualTo(Rejection.Kind.REFUSED);
            assertThat(r.message()).contains(ID);
            if (!r.message().contains("already claimed by agent-a (epoch 1)")) {
                assertThat(r.message()).contains(" is " + state.name());
            }
        } else {
            assertThat(outcome).isInstanceOf(Transition.class);
            Transition t = (Transition) outcome;
            assertThat(t.changes()).hasSize(1);
            assertThat(t.task().id()).isEqualTo(ID);
            assertThat(t.task().state()).isEqualTo(expected);
            assertThat(t.event().from()).isEqualTo(state);
            assertThat(t.event().to()).isEqualTo(expected);
            assertThat(t.event().command()).isSameAs(command);
            assertThat(t.event().actor()).isEqualTo(verb.actor);
            assertThat(boardBefore.apply(t).task(ID)).contains(t.task());
        }
    }

    /** Other routes into the same states behave like the main route: the table depends on the state alone. */
    static Stream<Arguments> alternativeRoutes() {
        List<Arguments> all = new ArrayList<>();
        Map<String, Function<Boards, Boards>> routes = Map.of(
                "QUEUED after fail and retry", b -> b.claim(OWNER).fail().retry(),
                "WORKING by start on QUEUED", Boards::start,
                "WORKING after reject", b -> b.claim(OWNER).start().done().reject(),
                "CANCELLED from QUEUED", Boards::cancel,
                "CANCELLED from APPROVED", b -> b.claim(OWNER).start().done().approve().cancel(),
                "FAILED from ASSIGNED", b -> b.claim(OWNER).fail());
        routes.forEach((name, route) -> {
            for (Verb verb : Verb.values()) {
                all.add(Arguments.of(name, route, verb));
            }
        });
        return all.stream();
    }

    @ParameterizedTest(name = "{2} on {0}")
    @MethodSource("alternativeRoutes")
    void commandAfterAlternativeRoute(String name, Function<Boards, Boards> route, Verb verb) {
        Boards b = route.apply(Boards.queued());
        Task before = b.task();
        TaskState expected = ALLOWED.getOrDefault(before.state(), Map.of()).get(verb);

        Outcome outcome = b.decide(verb.actor, verb.make.apply(before));

        assertThat(b.task()).isSameAs(before);
        if (expected == null) {
            assertThat(outcome).isInstanceOfSatisfying(Rejection.class,
                    r -> assertThat(r.kind()).isEqualTo(Rejection.Kind.REFUSED));
        } else {
            assertThat(outcome).isInstanceOfSatisfying(Transition.class,
                    t -> assertThat(t.task().state()).isEqualTo(expected));
        }
    }

    @Test
    void spawnWithoutAssigneeIsQueued() {
        Boards b = Boards.empty();
        Transition t = b.accept(LEAD, Boards.spawn(ID, TITLE));
        assertThat(t.task().state()).isEqualTo(QUEUED);
        assertThat(t.task().assignee()).isNull();
        assertThat(t.event().from()).isNull();
        assertThat(t.event().to()).isEqualTo(QUEUED);
    }

    @Test
    void spawnWithAssigneeIsAssigned() {
        Boards b = Boards.empty();
        Transition t = b.accept(LEAD, Boards.spawnTo(ID, TITLE, OWNER));
        assertThat(t.task().state()).isEqualTo(ASSIGNED);
        assertThat(t.task().assignee()).isEqualTo(OWNER);
        assertThat(t.event().from()).isNull();
        assertThat(t.event().to()).isEqualTo(ASSIGNED);
    }

    @ParameterizedTest
    @MethodSource("everyState")
    void spawnOverAnExistingTaskIsRefusedInEveryState(TaskState state) {
        Boards b = Boards.drive(state);
        Rejection r = b.refuse(OTHER, Boards.spawn(ID, "Another title"));
        assertThat(r.kind()).isEqualTo(Rejection.Kind.REFUSED);
        assertThat(r.message()).isEqualTo("a task " + ID + " already exists");
        assertThat(b.task().title()).isEqualTo(TITLE);
    }

    static Stream<TaskState> everyState() {
        return Stream.of(TaskState.values());
    }

    @ParameterizedTest
    @MethodSource("everyVerb")
    void everyCommandOnAnUnknownTaskIsNotFound(Verb verb) {
        Boards b = Boards.queued();
        Task missing = Task.builder("T-zzzzzzzz", "not on the board").build();
        Command onMissing = verb.make.apply(missing);
        assertThat(onMissing.taskId()).isEqualTo("T-zzzzzzzz");
        Outcome outcome = b.decide(verb.actor, onMissing);
        assertThat(outcome).isEqualTo(new Rejection(Rejection.Kind.NOT_FOUND, "no task T-zzzzzzzz on the board"));
    }

    static Stream<Verb> everyVerb() {
        return Stream.of(Verb.values());
    }
}

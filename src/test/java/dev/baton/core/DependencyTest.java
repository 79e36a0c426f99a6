package dev.baton.core;

import static dev.baton.core.QueueScript.A;
import static dev.baton.core.QueueScript.B;
import static dev.baton.core.QueueScript.C;
import static dev.baton.core.QueueScript.D;
import static dev.baton.core.QueueScript.LEAD;
import static dev.baton.core.QueueScript.LEASE;
import static dev.baton.core.QueueScript.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Blockers: a task waits until each of them is COMPLETED; dependencies are edited later; cycles are refused. */
class DependencyTest {

    @Test
    void aTaskWaitsUntilItsBlockerIsCompleted() {
        QueueScript s = new QueueScript().spawn(A);
        Transition spawned = s.accept(LEAD, QueueScript.after(B, "after a", null, A));

        // the blocker learns of its dependent in the same transition
        assertThat(QueueScript.ids(spawned)).containsExactlyInAnyOrder(B, A);
        assertThat(s.task(B).blockers()).containsExactly(A);
        assertThat(s.task(A).waiters()).containsExactly(B);

        assertThat(s.ready()).containsExactly(A);
        assertThat(ReadyQueue.waitingFor(s.board(), s.task(B))).hasValue("waits for " + A + " (QUEUED)");
        assertThat(s.refuse(OWNER, new Claim(B, LEASE)).message())
                .isEqualTo(B + " cannot start yet: waits for " + A + " (QUEUED)");
        assertThat(s.refuse(OWNER, new Start(B, null, null, LEASE)).message())
                .isEqualTo(B + " cannot start yet: waits for " + A + " (QUEUED)");

        // every state short of COMPLETED keeps it waiting
        s.approve(A);
        assertThat(s.state(A)).isEqualTo(TaskState.APPROVED);
        assertThat(s.ready()).isEmpty();
        assertThat(s.refuse(OWNER, new Claim(B, LEASE)).message()).contains("waits for " + A + " (APPROVED)");

        s.merge(A);
        assertThat(s.ready()).containsExactly(B);
        assertThat(ReadyQueue.waitingFor(s.board(), s.task(B))).isEmpty();
        s.claim(B);
        assertThat(s.state(B)).isEqualTo(TaskState.ASSIGNED);
    }

    @Test
    void everyBlockerMustBeCompleted() {
        QueueScript s = new QueueScript().spawn(A).spawn(B).spawnAfter(C, null, B, A);
        assertThat(s.task(C).blockers()).containsExactly(A, B);
        s.complete(A);
        assertThat(s.ready()).containsExactly(B);
        assertThat(ReadyQueue.waitingFor(s.board(), s.task(C))).hasValue("waits for " + B + " (QUEUED)");
        s.complete(B);
        assertThat(s.ready()).containsExactly(C);
    }

    @Test
    void aBlockerMustExist() {
        QueueScript s = new QueueScript().spawn(A);
        Rejection r = s.refuse(LEAD, QueueScript.after(B, "after nothing", null, A, D));
        assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(r.message()).isEqualTo("no task " + D + " to wait for");
        assertThat(s.board().task(B)).isEmpty();
    }

    @Test
    void depAddMakesATaskWaitAndDepRemoveUndoesIt() {
        QueueScript s = new QueueScript().spawn(A).spawn(B);
        assertThat(s.ready()).containsExactly(A, B);

        Transition added = s.accept(LEAD, new DepAdd(B, A));
        assertThat(QueueScript.ids(added)).containsExactlyInAnyOrder(A, B);
        assertThat(added.event().taskId()).isEqualTo(B);
        assertThat(s.task(B).blockers()).containsExactly(A);
        assertThat(s.task(A).waiters()).containsExactly(B);
        assertThat(s.ready()).containsExactly(A);

        assertThat(s.noChange(LEAD, new DepAdd(B, A)).why()).isEqualTo(B + " already waits for " + A);

        Transition removed = s.accept(LEAD, new DepRemove(B, A));
        assertThat(QueueScript.ids(removed)).containsExactlyInAnyOrder(A, B);
        assertThat(s.task(B).blockers()).isEmpty();
        assertThat(s.task(A).waiters()).isEmpty();
        assertThat(s.task(B).after()).isNull();
        assertThat(s.ready()).containsExactly(A, B);

        assertThat(s.noChange(LEAD, new DepRemove(B, A)).why()).isEqualTo(B + " does not wait for " + A);
    }

    @Test
    void depAddIsRefusedForUnknownTasksAndClosedTasks() {
        QueueScript s = new QueueScript().spawn(A).spawn(B);
        assertThat(s.refuse(LEAD, new DepAdd(C, A)).kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
        Rejection unknownBlocker = s.refuse(LEAD, new DepAdd(A, C));
        assertThat(unknownBlocker.kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(unknownBlocker.message()).isEqualTo("no task " + C + " to wait for");

        s.complete(A);
        Rejection closed = s.refuse(LEAD, new DepAdd(A, B));
        assertThat(closed.kind()).isEqualTo(Rejection.Kind.REFUSED);
        assertThat(closed.message()).isEqualTo(A + " is COMPLETED; only an open task can gain a blocker");
    }

    @Test
    void aTwoTaskCycleIsRefusedAndPrinted() {
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, null, A);
        Rejection r = s.refuse(LEAD, new DepAdd(A, B));
        assertThat(r.kind()).isEqualTo(Rejection.Kind.REFUSED);
        assertThat(r.message()).isEqualTo("that would make a cycle: " + A + " → " + B + " → " + A);
    }

    @Test
    void aLongerCycleIsPrintedAlongItsPath() {
        // C waits for B, B waits for A; making A wait for C closes A → C → B → A
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, null, A).spawnAfter(C, null, B).spawn(D);
        s.accept(LEAD, new DepAdd(C, D)); // a side branch the path must not take
        Rejection r = s.refuse(LEAD, new DepAdd(A, C));
        assertThat(r.message()).isEqualTo("that would make a cycle: " + A + " → " + C + " → " + B + " → " + A);
        assertThat(ReadyQueue.cycleIfAdded(s.board(), A, C)).containsExactly(A, C, B, A);
        assertThat(ReadyQueue.cycleIfAdded(s.board(), D, A)).isEmpty();
        // the refusal left every edge as it was
        assertThat(s.task(A).blockers()).isEmpty();
        assertThat(s.task(C).waiters()).isEmpty();
    }

    @Test
    void waitingForItselfIsACycle() {
        QueueScript s = new QueueScript().spawn(A);
        assertThat(s.refuse(LEAD, new DepAdd(A, A)).message()).isEqualTo("that would make a cycle: " + A + " → " + A);
    }

    @Test
    void aDiamondIsNotACycle() {
        // D waits for B and C, which both wait for A
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, null, A).spawnAfter(C, null, A);
        s.spawnAfter(D, null, B);
        s.accept(LEAD, new DepAdd(D, C));
        assertThat(s.task(D).blockers()).containsExactly(B, C);
        assertThat(s.task(A).waiters()).containsExactly(B, C);
        s.complete(A);
        assertThat(s.ready()).containsExactly(B, C);
        s.complete(B);
        assertThat(s.ready()).containsExactly(C);
        s.complete(C);
        assertThat(s.ready()).containsExactly(D);
    }

    @Test
    void readyIsPriorityThenAgeAndSkipsWaitingTasks() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.prioritized(A, "old, p2", 2));
        s.accept(LEAD, QueueScript.prioritized(B, "p0", 0, "backend"));
        s.accept(LEAD, QueueScript.prioritized(C, "new, p2", 2, "backend"));
        s.accept(LEAD, QueueScript.prioritized(D, "p4", 4));
        assertThat(s.ready()).containsExactly(B, A, C, D);
        assertThat(ReadyQueue.ready(s.board(), "backend")).extracting(Task::id).containsExactly(B, C);
        assertThat(ReadyQueue.ready(s.board(), "nothing")).isEmpty();

        // waiting takes a task out whatever its priority; claimed tasks are not ready either
        s.accept(LEAD, new DepAdd(B, D));
        s.claim(A);
        assertThat(s.ready()).containsExactly(C, D);

        // an edit of the priority moves it in the queue; the age stays
        s.accept(LEAD, new Edit(D, null, null, 1, null));
        assertThat(s.ready()).containsExactly(D, C);
    }

    @Test
    void depAddAfterTheBlockerIsCompletedLeavesTheTaskReady() {
        QueueScript s = new QueueScript().spawn(A).spawn(B);
        s.complete(A);
        s.accept(LEAD, new DepAdd(B, A));
        assertThat(s.ready()).containsExactly(B);
        assertThat(s.task(B).blocked()).isNull();
    }

    @Test
    void theDependencyEdgesAreInBothRecords() {
        QueueScript s = new QueueScript().spawn(A).spawn(B).spawnAfter(C, null, A, B);
        assertThat(s.task(A).waiters()).containsExactly(C);
        assertThat(s.task(B).waiters()).containsExactly(C);
        s.accept(LEAD, new DepRemove(C, B));
        assertThat(s.task(B).waiters()).isEmpty();
        assertThat(s.task(C).blockers()).containsExactly(A);
        assertThat(List.of(s.task(A).waiters(), s.task(C).blockers())).containsExactly(List.of(C), List.of(A));
    }
}

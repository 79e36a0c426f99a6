package dev.baton.core;

import static dev.baton.core.QueueScript.A;
import static dev.baton.core.QueueScript.B;
import static dev.baton.core.QueueScript.C;
import static dev.baton.core.QueueScript.D;
import static dev.baton.core.QueueScript.E;
import static dev.baton.core.QueueScript.LEAD;
import static dev.baton.core.QueueScript.LEASE;
import static dev.baton.core.QueueScript.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Epics: a task with children. An epic still QUEUED is COMPLETED in the very transition that completes its last open
 * child, once every child is COMPLETED or CANCELLED; an epic someone took up is left to its own life; epics are never
 * offered as ready.
 */
class EpicTest {

    private static final String EPIC = A;

    @Test
    void spawningWithAParentMakesTheParentAnEpic() {
        QueueScript s = new QueueScript().spawn(EPIC);
        assertThat(s.task(EPIC).isEpic()).isFalse();
        Transition child = s.accept(LEAD, QueueScript.child(B, "first part", EPIC));
        assertThat(QueueScript.ids(child)).containsExactlyInAnyOrder(B, EPIC);
        s.spawnChild(C, EPIC);
        assertThat(s.task(EPIC).isEpic()).isTrue();
        assertThat(s.task(EPIC).subtasks()).containsExactly(B, C);
        assertThat(s.task(B).parent()).isEqualTo(EPIC);
    }

    @Test
    void epicsAreNeverReady() {
        QueueScript s = new QueueScript().spawn(EPIC).spawnChild(B, EPIC).spawn(C);
        assertThat(s.ready()).containsExactly(B, C);
        s.accept(LEAD, new Edit(EPIC, null, null, 0, null)); // not even when it is the most urgent
        assertThat(s.ready()).containsExactly(B, C);
        s.claim(B);
        s.claim(C);
        assertThat(s.ready()).isEmpty();
        assertThat(ReadyQueue.ready(s.board(), null)).extracting(Task::id).doesNotContain(EPIC);
    }

    @Test
    void theLastChildsMergeCompletesTheEpicInTheSameTransition() {
        QueueScript s = new QueueScript().spawn(EPIC).spawnChild(B, EPIC).spawnChild(C, EPIC);
        Transition first = s.complete(B);
        assertThat(QueueScript.ids(first)).containsExactly(B);
        assertThat(s.state(EPIC)).isEqualTo(TaskState.QUEUED);

        Transition last = s.complete(C);
        assertThat(last.event().command()).isInstanceOf(Merge.class);
        assertThat(last.event().taskId()).isEqualTo(C);
        assertThat(QueueScript.ids(last)).containsExactlyInAnyOrder(C, EPIC);
        Task epic = QueueScript.changed(last, EPIC);
        assertThat(epic.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(epic.updatedAt()).isEqualTo(s.now());
        assertThat(epic.assignee()).isNull();
        assertThat(epic.epoch()).isZero();
    }

    @Test
    void cancelledChildrenCountAsClosed() {
        QueueScript s = new QueueScript().spawn(EPIC).spawnChild(B, EPIC).spawnChild(C, EPIC).spawnChild(D, EPIC);
        s.cancel(B);
        assertThat(s.state(EPIC)).isEqualTo(TaskState.QUEUED);
        s.complete(C);
        assertThat(s.state(EPIC)).isEqualTo(TaskState.QUEUED);
        Transition last = s.complete(D);
        assertThat(QueueScript.ids(last)).contains(EPIC);
        assertThat(s.state(EPIC)).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    void aFailedChildKeepsTheEpicOpen() {
        QueueScript s = new QueueScript().spawn(EPIC).spawnChild(B, EPIC).spawnChild(C, EPIC);
        s.fail(B);
        s.complete(C);
        assertThat(s.state(EPIC)).isEqualTo(TaskState.QUEUED);
        s.retry(B);
        s.complete(B);
        assertThat(s.state(EPIC)).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    void anEpicSomeoneStartedIsLeftToItsOwnLife() {
        QueueScript s = new QueueScript().spawn(EPIC).spawnChild(B, EPIC);
        // an epic is not ready, but it can still be taken by name
        s.start(EPIC);
        Transition last = s.complete(B);
        assertThat(QueueScript.ids(last)).containsExactly(B);
        assertThat(s.state(EPIC)).isEqualTo(TaskState.WORKING);

        QueueScript t = new QueueScript().spawn(EPIC).spawnChild(B, EPIC);
        t.claim(EPIC);
        t.complete(B);
        assertThat(t.state(EPIC)).isEqualTo(TaskState.ASSIGNED);
    }

    @Test
    void nestedEpicsCompleteUpTheTree() {
        // A is the epic of B and C; B is the epic of D and E
        QueueScript s = new QueueScript().spawn(EPIC).spawnChild(B, EPIC).spawnChild(C, EPIC)
                .spawnChild(D, B).spawnChild(E, B);
        s.complete(C);
        s.complete(D);
        assertThat(s.state(B)).isEqualTo(TaskState.QUEUED);
        Transition last = s.complete(E);
        assertThat(QueueScript.ids(last)).containsExactlyInAnyOrder(E, B, EPIC);
        assertThat(s.state(B)).isEqualTo(TaskState.COMPLETED);
        assertThat(s.state(EPIC)).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    void anEpicsCompletionReleasesWhatWaitsForIt() {
        QueueScript s = new QueueScript().spawn(EPIC).spawnChild(B, EPIC).spawnAfter(C, null, EPIC);
        assertThat(s.ready()).containsExactly(B);
        s.complete(B);
        assertThat(s.ready()).containsExactly(C);
    }

    @Test
    void theParentMustBeAnOpenTask() {
        QueueScript s = new QueueScript().spawn(EPIC);
        Rejection missing = s.refuse(LEAD, QueueScript.child(B, "orphan", C));
        assertThat(missing.kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(missing.message()).isEqualTo("no open task " + C + " to be the epic");
        s.complete(EPIC);
        assertThat(s.refuse(LEAD, QueueScript.child(B, "too late", EPIC)).message())
                .isEqualTo("no open task " + EPIC + " to be the epic");
    }

    @Test
    void aChildAddedLaterKeepsTheEpicOpen() {
        QueueScript s = new QueueScript().spawn(EPIC).spawnChild(B, EPIC);
        s.approve(B);
        s.spawnChild(C, EPIC);
        s.merge(B);
        assertThat(s.state(EPIC)).isEqualTo(TaskState.QUEUED);
        s.complete(C);
        assertThat(s.state(EPIC)).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    void aCompletedEpicCannotBeClaimed() {
        QueueScript s = new QueueScript().spawn(EPIC).spawnChild(B, EPIC);
        s.complete(B);
        assertThat(s.refuse(OWNER, new Claim(EPIC, LEASE)).kind()).isEqualTo(Rejection.Kind.REFUSED);
    }
}

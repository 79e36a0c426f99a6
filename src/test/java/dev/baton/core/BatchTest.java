package dev.baton.core;

import static dev.baton.core.QueueScript.A;
import static dev.baton.core.QueueScript.B;
import static dev.baton.core.QueueScript.C;
import static dev.baton.core.QueueScript.D;
import static dev.baton.core.QueueScript.E;
import static dev.baton.core.QueueScript.F;
import static dev.baton.core.QueueScript.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch spawn: many tasks in one transition, decided one after the other, all or nothing. */
class BatchTest {

    @Test
    void everyTaskIsCreatedInOneTransition() {
        QueueScript s = new QueueScript().spawn(A);
        Transition t = s.accept(LEAD, new SpawnBatch(List.of(
                QueueScript.spawnOf(B, "first"),
                QueueScript.after(C, "second, after A and B", null, A, B),
                QueueScript.child(D, "third, in epic B", B))));

        assertThat(t.event().command().name()).isEqualTo("spawn-batch");
        assertThat(t.event().taskId()).isEqualTo(B);
        assertThat(t.event().title()).isEqualTo("3 tasks");
        assertThat(t.event().from()).isNull();
        assertThat(t.event().to()).isEqualTo(TaskState.QUEUED);
        // the new tasks, and A, which learns of its dependent
        assertThat(QueueScript.ids(t)).containsExactlyInAnyOrder(A, B, C, D);
        assertThat(s.task(B).waiters()).containsExactly(C);
        assertThat(s.task(B).subtasks()).containsExactly(D);
        assertThat(s.task(A).waiters()).containsExactly(C);
        // all made at the same instant, so the queue orders them by id
        assertThat(List.of(s.task(B).createdAt(), s.task(C).createdAt(), s.task(D).createdAt())).containsOnly(s.now());
        assertThat(s.ready()).containsExactly(A, D);
    }

    @Test
    void oneBadItemRefusesTheWholeBatchNamingIt() {
        QueueScript s = new QueueScript().spawn(A);
        List<Task> before = s.board().all();

        Rejection unknownBlocker = s.refuse(LEAD, new SpawnBatch(List.of(
                QueueScript.spawnOf(B, "fine"),
                QueueScript.spawnOf(C, "fine too"),
                QueueScript.after(D, "after nothing", null, F))));
        assertThat(unknownBlocker.kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(unknownBlocker.message()).isEqualTo("item 3: no task " + F + " to wait for");

        Rejection badPriority = s.refuse(LEAD, new SpawnBatch(List.of(
                QueueScript.spawnOf(B, "fine"),
                QueueScript.prioritized(C, "too urgent", 9))));
        assertThat(badPriority.message()).isEqualTo("item 2: priority 9 is out of range; use 0 (most urgent) to 4");

        Rejection emptyTitle = s.refuse(LEAD, new SpawnBatch(List.of(QueueScript.spawnOf(B, " "))));
        assertThat(emptyTitle.message()).isEqualTo("item 1: a task title must not be empty");

        Rejection sameId = s.refuse(LEAD, new SpawnBatch(List.of(
                QueueScript.spawnOf(B, "one"), QueueScript.spawnOf(B, "two"))));
        assertThat(sameId.kind()).isEqualTo(Rejection.Kind.REFUSED);
        assertThat(sameId.message()).isEqualTo("item 2: a task " + B + " already exists");

        assertThat(s.board().all()).isEqualTo(before);
    }

    @Test
    void anEmptyBatchIsRefused() {
        QueueScript s = new QueueScript();
        assertThat(s.refuse(LEAD, new SpawnBatch(List.of())).message()).isEqualTo("the batch is empty");
    }

    @Test
    void itemsWhoseKeyExistsAreSkipped() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.keyed(A, "existing", null, "k-a"));
        Transition t = s.accept(LEAD, new SpawnBatch(List.of(
                QueueScript.keyed(B, "existing", null, "k-a"),
                QueueScript.keyed(C, "new", null, "k-c"),
                // the same key twice in one batch: the second is the first
                QueueScript.keyed(D, "new", null, "k-c"))));
        assertThat(QueueScript.ids(t)).containsExactly(C);
        assertThat(t.event().title()).isEqualTo("1 tasks");
        assertThat(t.event().taskId()).isEqualTo(C);
        assertThat(s.board().all()).extracting(Task::id).containsExactlyInAnyOrder(A, C);

        // a key conflict inside a batch refuses all of it
        Rejection conflict = s.refuse(LEAD, new SpawnBatch(List.of(
                QueueScript.keyed(E, "fresh", null, "k-e"),
                QueueScript.keyed(F, "not existing", null, "k-a"))));
        assertThat(conflict.message()).startsWith("item 2: key 'k-a' already belongs to " + A);
        assertThat(s.board().task(E)).isEmpty();
    }

    @Test
    void aBatchWhoseTasksAllExistChangesNothing() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.keyed(A, "one", null, "k1"));
        s.accept(LEAD, QueueScript.keyed(B, "two", null, "k2"));
        NoChange n = s.noChange(LEAD, new SpawnBatch(List.of(
                QueueScript.keyed(C, "one", null, "k1"), QueueScript.keyed(D, "two", null, "k2"))));
        assertThat(n.task().id()).isEqualTo(A);
    }

    @Test
    void aBatchItemAfterAFailedTaskIsBlockedAtBirth() {
        QueueScript s = new QueueScript().spawn(A);
        s.fail(A);
        s.accept(LEAD, new SpawnBatch(List.of(
                QueueScript.after(B, "waits", null, A),
                QueueScript.after(C, "cancels", BlockerPolicy.CANCEL, A),
                QueueScript.after(D, "waits for the cancelled one", null, C))));
        assertThat(s.task(B).blocked()).startsWith(A + " is FAILED");
        assertThat(s.state(C)).isEqualTo(TaskState.CANCELLED);
        assertThat(s.task(D).blocked()).startsWith(C + " is CANCELLED");
        assertThat(s.ready()).isEmpty();
    }
}

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
 * What a dependent does when its blocker ends FAILED or CANCELLED, by its policy: WAIT (marked blocked with the cause),
 * CANCEL (cancelled, and so on down the chain) or IGNORE (the ended blocker counts as satisfied). Every consequence is
 * part of the transition that ended the blocker.
 */
class BlockerPolicyTest {

    private static final String FAILED_A = A + " is FAILED: the build is red";

    @Test
    void waitIsTheDefault() {
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, null, A);
        assertThat(s.task(B).blockerPolicy()).isEqualTo(BlockerPolicy.WAIT);
        assertThat(s.task(B).onBlockerFail()).as("WAIT is not written out").isNull();
        s.spawnAfter(C, BlockerPolicy.WAIT, A);
        assertThat(s.task(C).onBlockerFail()).isNull();
    }

    @Test
    void waitMarksTheDependentBlockedInTheSameTransition() {
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, BlockerPolicy.WAIT, A).spawn(C);
        Transition failed = s.fail(A);

        assertThat(QueueScript.ids(failed)).containsExactlyInAnyOrder(A, B);
        assertThat(failed.task().id()).isEqualTo(A);
        Task b = QueueScript.changed(failed, B);
        assertThat(b.state()).isEqualTo(TaskState.QUEUED);
        assertThat(b.blocked()).isEqualTo(FAILED_A);

        assertThat(s.ready()).containsExactly(C);
        assertThat(ReadyQueue.waitingFor(s.board(), s.task(B))).hasValue("blocked: " + FAILED_A);
        assertThat(ReadyQueue.blockChain(s.board(), s.task(B))).containsExactly(B, A);
        assertThat(s.refuse(OWNER, new Claim(B, LEASE)).message())
                .isEqualTo(B + " cannot start yet: blocked: " + FAILED_A);
        assertThat(s.refuse(OWNER, new Start(B, null, null, LEASE)).message()).contains("blocked: " + FAILED_A);
    }

    @Test
    void retryOfTheFailedBlockerLiftsTheMark() {
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, null, A);
        s.fail(A);
        Transition retried = s.retry(A);

        assertThat(QueueScript.ids(retried)).containsExactlyInAnyOrder(A, B);
        assertThat(s.task(B).blocked()).isNull();
        assertThat(ReadyQueue.blockChain(s.board(), s.task(B))).isEmpty();
        assertThat(ReadyQueue.waitingFor(s.board(), s.task(B))).hasValue("waits for " + A + " (QUEUED)");
        assertThat(s.ready()).containsExactly(A);

        s.complete(A);
        assertThat(s.ready()).containsExactly(B);
    }

    @Test
    void aCancelledBlockerBlocksToo() {
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, null, A);
        Transition cancelled = s.cancel(A);
        assertThat(QueueScript.changed(cancelled, B).blocked()).isEqualTo(A + " is CANCELLED: not needed");
        assertThat(s.ready()).isEmpty();
    }

    @Test
    void cancelCancelsTheDependentAndSoOnDownTheChain() {
        // B and C cancel with their blocker; D waits (and is marked); E ignores
        QueueScript s = new QueueScript().spawn(A)
                .spawnAfter(B, BlockerPolicy.CANCEL, A)
                .spawnAfter(C, BlockerPolicy.CANCEL, B)
                .spawnAfter(D, BlockerPolicy.WAIT, C)
                .spawnAfter(E, BlockerPolicy.IGNORE, C);
        Transition failed = s.fail(A);

        assertThat(QueueScript.ids(failed)).containsExactlyInAnyOrder(A, B, C, D);
        assertThat(s.state(A)).isEqualTo(TaskState.FAILED);
        assertThat(s.state(B)).isEqualTo(TaskState.CANCELLED);
        assertThat(s.task(B).reason()).isEqualTo("blocker " + FAILED_A);
        assertThat(s.task(B).updatedAt()).isEqualTo(s.now());
        assertThat(s.state(C)).isEqualTo(TaskState.CANCELLED);
        assertThat(s.task(C).reason()).isEqualTo("blocker " + B + " is CANCELLED: blocker " + FAILED_A);
        assertThat(s.state(D)).isEqualTo(TaskState.QUEUED);
        assertThat(s.task(D).blocked()).startsWith(C + " is CANCELLED");
        assertThat(s.state(E)).isEqualTo(TaskState.QUEUED);
        assertThat(s.task(E).blocked()).isNull();
        assertThat(s.ready()).containsExactly(E);

        // a retry of A does not bring back what was cancelled, nor lift a mark it did not cause
        s.retry(A);
        assertThat(s.state(B)).isEqualTo(TaskState.CANCELLED);
        assertThat(s.state(C)).isEqualTo(TaskState.CANCELLED);
        assertThat(s.task(D).blocked()).startsWith(C + " is CANCELLED");
    }

    @Test
    void cancelAlsoTakesADependentThatIsAlreadyHeld() {
        // B is claimed first and only then made to wait for C (dep add accepts any open task); C fails
        QueueScript s = new QueueScript().spawn(C).spawnAfter(B, BlockerPolicy.CANCEL);
        s.claim(B);
        s.accept(LEAD, new DepAdd(B, C));
        Transition failed = s.fail(C);
        Task b = QueueScript.changed(failed, B);
        assertThat(b.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(b.leaseUntil()).isNull();
    }

    @Test
    void ignoreLeavesTheDependentBeAndCountsTheBlockerAsDone() {
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, BlockerPolicy.IGNORE, A);
        Transition failed = s.fail(A);
        assertThat(QueueScript.ids(failed)).containsExactly(A);
        assertThat(s.task(B).blocked()).isNull();
        assertThat(s.state(B)).isEqualTo(TaskState.QUEUED);
        assertThat(ReadyQueue.waitingFor(s.board(), s.task(B))).isEmpty();
        assertThat(ReadyQueue.blockChain(s.board(), s.task(B))).isEmpty();
        assertThat(s.ready()).containsExactly(B);
        s.claim(B);

        // IGNORE still waits while the blocker is merely unfinished
        QueueScript t = new QueueScript().spawn(A).spawnAfter(B, BlockerPolicy.IGNORE, A);
        t.start(A);
        assertThat(t.ready()).isEmpty();
        assertThat(ReadyQueue.waitingFor(t.board(), t.task(B))).hasValue("waits for " + A + " (WORKING)");
    }

    @Test
    void aTransitiveChainIsShownFromTheTaskToTheCause() {
        // C waits for B, which waits for A; A fails: B is marked, C is not, but both are blocked
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, null, A).spawnAfter(C, null, B).spawn(D);
        s.fail(A);
        assertThat(s.task(B).blocked()).isEqualTo(FAILED_A);
        assertThat(s.task(C).blocked()).isNull();
        assertThat(ReadyQueue.blockChain(s.board(), s.task(C))).containsExactly(C, B, A);
        assertThat(ReadyQueue.blockChain(s.board(), s.task(B))).containsExactly(B, A);
        assertThat(ReadyQueue.blockChain(s.board(), s.task(D))).isEmpty();
        assertThat(ReadyQueue.waitingFor(s.board(), s.task(C))).hasValue("waits for " + B + " (QUEUED)");
        assertThat(s.ready()).containsExactly(D);

        s.retry(A);
        assertThat(ReadyQueue.blockChain(s.board(), s.task(C))).isEmpty();
        assertThat(s.task(B).blocked()).isNull();
    }

    @Test
    void aChainStopsAtATaskThatIgnoresFailures() {
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, BlockerPolicy.IGNORE, A).spawnAfter(C, null, B);
        s.fail(A);
        assertThat(ReadyQueue.blockChain(s.board(), s.task(C))).isEmpty();
        assertThat(s.ready()).containsExactly(B);
    }

    @Test
    void spawningAfterAnEndedBlockerAppliesThePolicyAtOnce() {
        QueueScript s = new QueueScript().spawn(A);
        s.fail(A);
        s.spawnAfter(B, BlockerPolicy.WAIT, A).spawnAfter(C, BlockerPolicy.CANCEL, A).spawnAfter(D, BlockerPolicy.IGNORE, A);
        assertThat(s.task(B).blocked()).isEqualTo(FAILED_A);
        assertThat(s.state(C)).isEqualTo(TaskState.CANCELLED);
        assertThat(s.task(C).reason()).isEqualTo("blocker " + FAILED_A);
        assertThat(s.task(D).blocked()).isNull();
        assertThat(s.ready()).containsExactly(D);
        assertThat(s.task(A).waiters()).containsExactly(B, C, D);

        // the retry lifts the mark of the task born blocked
        s.retry(A);
        assertThat(s.task(B).blocked()).isNull();
    }

    @Test
    void depAddOnAnEndedBlockerAppliesThePolicyAndCascades() {
        QueueScript s = new QueueScript().spawn(A).spawn(B).spawnAfter(C, null, B).spawn(D);
        s.fail(A);
        s.accept(LEAD, new DepAdd(D, A));
        assertThat(s.task(D).blocked()).isEqualTo(FAILED_A);

        // B's policy is WAIT: it is marked, not cancelled, and C (waiting for B) is left as it is
        Transition added = s.accept(LEAD, new DepAdd(B, A));
        assertThat(QueueScript.ids(added)).containsExactlyInAnyOrder(A, B);
        assertThat(s.task(B).blocked()).isEqualTo(FAILED_A);
        assertThat(ReadyQueue.blockChain(s.board(), s.task(C))).containsExactly(C, B, A);

        // with CANCEL, B is cancelled by the dep add itself, and the cancellation reaches C in the same transition
        QueueScript t = new QueueScript().spawn(A).spawnAfter(B, BlockerPolicy.CANCEL).spawnAfter(C, null, B);
        t.fail(A);
        Transition cancelling = t.accept(LEAD, new DepAdd(B, A));
        assertThat(cancelling.event().to()).isEqualTo(TaskState.CANCELLED);
        assertThat(QueueScript.ids(cancelling)).containsExactlyInAnyOrder(A, B, C);
        assertThat(t.state(B)).isEqualTo(TaskState.CANCELLED);
        assertThat(t.task(C).blocked()).startsWith(B + " is CANCELLED: blocker " + FAILED_A);
    }

    @Test
    void depRemoveOfTheFailedBlockerLiftsTheMark() {
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, null, A);
        s.fail(A);
        s.accept(LEAD, new DepRemove(B, A));
        assertThat(s.task(B).blocked()).isNull();
        assertThat(s.ready()).containsExactly(B);
    }

    @Test
    void aReapThatFailsTheTaskCascadesLikeAFail() {
        QueueScript s = new QueueScript().spawn(A).spawnAfter(B, null, A).spawnAfter(C, BlockerPolicy.CANCEL, A);
        s.start(A);
        Task a = s.task(A);
        s.advance(60);
        // one attempt allowed: the reaper fails it
        Transition reaped = s.accept(LEAD, new Reap(A, a.epoch(), a.leaseUntil(), 0, null, 1));
        assertThat(reaped.task().state()).isEqualTo(TaskState.FAILED);
        assertThat(QueueScript.ids(reaped)).containsExactlyInAnyOrder(A, B, C);
        assertThat(s.task(B).blocked()).startsWith(A + " is FAILED: lease expired");
        assertThat(s.state(C)).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void aFailedDependentIsNotTouched() {
        // B failed on its own (it ignored A's state when it started); A's failure later leaves B's record alone
        QueueScript s = new QueueScript().spawn(A).spawn(B);
        s.fail(B);
        s.accept(LEAD, new DepAdd(B, A));
        Transition failed = s.fail(A);
        assertThat(QueueScript.ids(failed)).containsExactly(A);
        assertThat(s.task(B).blocked()).isNull();
    }
}

package dev.baton.core;

import static dev.baton.core.Boards.ID;
import static dev.baton.core.Boards.LEASE;
import static dev.baton.core.Boards.OWNER;
import static dev.baton.core.Boards.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Owner writes carry the epoch the writer holds. An old epoch means the lease was lost and someone reclaimed the task;
 * an epoch the task never had is a caller error; no epoch skips the check.
 */
class FencingTest {

    /** agent-a held epoch 1; the task failed, was retried at 09:04 and reclaimed by agent-b at 09:05 at epoch 2. */
    private static Boards reclaimedByB() {
        Boards b = Boards.queued().claim(OWNER).fail().retry().claim(REVIEWER);
        assertThat(b.task().epoch()).isEqualTo(2);
        assertThat(b.task().grantedAt()).isEqualTo(Boards.T0.plusSeconds(5 * 60));
        return b;
    }

    /** A lease-lost refusal: it starts with the epoch the writer holds and names the task, its epoch and why. */
    private static void assertLeaseLost(Rejection r, long held, long current, String since) {
        assertThat(r.kind()).isEqualTo(Rejection.Kind.REFUSED);
        assertThat(r.message())
                .startsWith("lease lost: you hold epoch " + held + ",")
                .contains("is at epoch " + current + " (" + since + ")")
                .contains(ID);
    }

    @Test
    void doneWithAStaleEpochIsRefused() {
        Boards b = reclaimedByB();
        b.accept(REVIEWER, new Start(ID, 2L, null, LEASE));
        Rejection r = b.refuse(OWNER, new Done(ID, 1L, Handoff.summary("finished")));
        assertLeaseLost(r, 1, 2, "reclaimed by agent-b at 09:05Z");
    }

    @Test
    void failWithAStaleEpochIsRefused() {
        Boards b = reclaimedByB();
        Rejection r = b.refuse(OWNER, new Fail(ID, 1L, "gave up", null));
        assertLeaseLost(r, 1, 2, "reclaimed by agent-b at 09:05Z");
    }

    @Test
    void startWithAStaleEpochIsRefused() {
        Boards b = reclaimedByB();
        Rejection r = b.refuse(OWNER, new Start(ID, 1L, null, LEASE));
        assertLeaseLost(r, 1, 2, "reclaimed by agent-b at 09:05Z");
    }

    @Test
    void fencingIsByEpochNotByName() {
        // agent-a's old process still holds epoch 1 after agent-a itself reclaimed the task at epoch 2.
        Boards b = Boards.queued().claim(OWNER).fail().retry().claim(OWNER).start();
        Rejection r = b.refuse(OWNER, new Done(ID, 1L, Handoff.NONE));
        assertLeaseLost(r, 1, 2, "reclaimed by agent-a at 09:05Z");
        assertThat(b.accept(OWNER, new Done(ID, 2L, Handoff.NONE)).task().state()).isEqualTo(TaskState.IN_REVIEW);
    }

    @Test
    void staleEpochOnARequeuedTaskSaysWhenItWasRequeued() {
        // Epoch 0 was never held by anyone; the task is QUEUED at epoch 1 with no owner.
        Boards b = Boards.queued().claim(OWNER).fail().retry();
        Rejection r = b.refuse(OWNER, new Done(ID, 0L, Handoff.NONE));
        assertLeaseLost(r, 0, 1, "re-queued at 09:04Z");
    }

    @Test
    void anEpochAheadOfTheTaskIsInvalid() {
        Boards b = Boards.drive(TaskState.WORKING);
        String ahead = "epoch 2 is ahead of " + ID + "'s epoch 1; pass the epoch your claim returned";
        assertThat(b.refuse(OWNER, new Done(ID, 2L, Handoff.NONE))).isEqualTo(Rejection.invalid(ahead));
        assertThat(b.refuse(OWNER, new Fail(ID, 2L, "stuck", null))).isEqualTo(Rejection.invalid(ahead));
        Boards assigned = Boards.drive(TaskState.ASSIGNED);
        assertThat(assigned.refuse(OWNER, new Start(ID, 2L, null, LEASE))).isEqualTo(Rejection.invalid(ahead));
    }

    @Test
    void noEpochSkipsTheCheck() {
        Boards started = Boards.drive(TaskState.ASSIGNED);
        assertThat(started.accept(OWNER, new Start(ID, null, null, LEASE)).task().state())
                .isEqualTo(TaskState.WORKING);
        assertThat(started.accept(OWNER, new Done(ID, null, Handoff.NONE)).task().state())
                .isEqualTo(TaskState.IN_REVIEW);
        Boards failed = reclaimedByB();
        assertThat(failed.accept(REVIEWER, new Fail(ID, null, "stuck", null)).task().state())
                .isEqualTo(TaskState.FAILED);
    }

    @Test
    void theCurrentEpochPasses() {
        Boards b = reclaimedByB();
        b.accept(REVIEWER, new Start(ID, 2L, null, LEASE));
        assertThat(b.accept(REVIEWER, new Done(ID, 2L, Handoff.NONE)).task().state()).isEqualTo(TaskState.IN_REVIEW);
    }

    @Test
    void theEpochIsCheckedBeforeTheState() {
        // A stale writer learns it lost the lease, not merely that the task moved on.
        Boards b = reclaimedByB();
        b.accept(REVIEWER, new Start(ID, 2L, null, LEASE));
        b.accept(REVIEWER, new Done(ID, 2L, Handoff.NONE));
        Rejection r = b.refuse(OWNER, new Done(ID, 1L, Handoff.NONE));
        assertLeaseLost(r, 1, 2, "reclaimed by agent-b at 09:05Z");
    }
}

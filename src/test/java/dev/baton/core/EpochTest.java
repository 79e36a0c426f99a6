package dev.baton.core;

import static dev.baton.core.Boards.ID;
import static dev.baton.core.Boards.LEAD;
import static dev.baton.core.Boards.LEASE;
import static dev.baton.core.Boards.OTHER;
import static dev.baton.core.Boards.OWNER;
import static dev.baton.core.Boards.REVIEWER;
import static dev.baton.core.Boards.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fencing token: when it grows, when it stays, and the attempt counter that goes with retry. */
class EpochTest {

    @Test
    void spawnWithoutAssigneeStartsAtEpochZero() {
        Boards b = Boards.empty();
        Task t = b.accept(LEAD, Boards.spawn(ID, TITLE)).task();
        assertThat(t.epoch()).isZero();
        assertThat(t.attempt()).isEqualTo(1);
        assertThat(t.assignee()).isNull();
        assertThat(t.grantedAt()).isNull();
        assertThat(t.leaseUntil()).isNull();
    }

    @Test
    void spawnWithAssigneeIsAssignedAtEpochOne() {
        Boards b = Boards.empty();
        Instant now = b.nextTime();
        Transition tr = b.accept(LEAD, Boards.spawnTo(ID, TITLE, OWNER));
        Task t = tr.task();
        assertThat(t.state()).isEqualTo(TaskState.ASSIGNED);
        assertThat(t.epoch()).isEqualTo(1);
        assertThat(tr.event().epoch()).isEqualTo(1);
        assertThat(t.assignee()).isEqualTo(OWNER);
        assertThat(t.grantedAt()).isEqualTo(now);
        assertThat(t.leaseUntil()).isEqualTo(now.plusSeconds(LEASE));
    }

    @Test
    void claimIncrementsTheEpoch() {
        Boards b = Boards.queued();
        Instant now = b.nextTime();
        Task t = b.accept(OWNER, new Claim(ID, LEASE)).task();
        assertThat(t.epoch()).isEqualTo(1);
        assertThat(t.grantedAt()).isEqualTo(now);
    }

    @Test
    void startOnQueuedIncrementsTheEpoch() {
        Boards b = Boards.queued();
        Instant now = b.nextTime();
        Task t = b.accept(OWNER, new Start(ID, null, null, LEASE)).task();
        assertThat(t.epoch()).isEqualTo(1);
        assertThat(t.assignee()).isEqualTo(OWNER);
        assertThat(t.grantedAt()).isEqualTo(now);
        assertThat(t.leaseUntil()).isEqualTo(now.plusSeconds(LEASE));
    }

    @Test
    void startOnAssignedKeepsTheEpochAndGrant() {
        Boards b = Boards.queued().claim(OWNER);
        Task claimed = b.task();
        Instant now = b.nextTime();
        Task started = b.accept(OWNER, new Start(ID, 1L, null, LEASE)).task();
        assertThat(started.epoch()).isEqualTo(1);
        assertThat(started.grantedAt()).isEqualTo(claimed.grantedAt());
        assertThat(started.leaseUntil()).as("start renews the lease").isEqualTo(now.plusSeconds(LEASE));
    }

    @Test
    void reviewAndMergeKeepTheEpoch() {
        Boards b = Boards.queued().claim(OWNER).start().done().reject().done().approve().merge();
        assertThat(b.events()).extracting(Event::epoch).containsExactly(0L, 1L, 1L, 1L, 1L, 1L, 1L, 1L);
        assertThat(b.task().epoch()).isEqualTo(1);
    }

    @Test
    void cancelAndFailKeepTheEpoch() {
        assertThat(Boards.queued().claim(OWNER).start().cancel().task().epoch()).isEqualTo(1);
        assertThat(Boards.queued().claim(OWNER).start().fail().task().epoch()).isEqualTo(1);
        assertThat(Boards.queued().cancel().task().epoch()).isZero();
    }

    @Test
    void retryKeepsTheEpochClearsTheOwnerAndCountsTheAttempt() {
        Boards b = Boards.queued().claim(OWNER).start().fail();
        Task retried = b.accept(LEAD, new Retry(ID)).task();
        assertThat(retried.state()).isEqualTo(TaskState.QUEUED);
        assertThat(retried.epoch()).isEqualTo(1);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.assignee()).isNull();
        assertThat(retried.leaseUntil()).isNull();

        Task reclaimed = b.accept(REVIEWER, new Claim(ID, LEASE)).task();
        assertThat(reclaimed.epoch()).isEqualTo(2);
        assertThat(reclaimed.assignee()).isEqualTo(REVIEWER);
        assertThat(reclaimed.attempt()).as("claim does not count an attempt").isEqualTo(2);
    }

    @Test
    void everyRetryAddsOneAttemptAndEveryClaimOneEpoch() {
        Boards b = Boards.queued();
        for (int round = 1; round <= 3; round++) {
            b.claim(round % 2 == 0 ? OWNER : OTHER);
            assertThat(b.task().epoch()).isEqualTo(round);
            assertThat(b.task().attempt()).isEqualTo(round);
            b.fail().retry();
            assertThat(b.task().epoch()).isEqualTo(round);
            assertThat(b.task().attempt()).isEqualTo(round + 1);
        }
    }

    @Test
    void startOnARetriedTaskIncrementsTheEpoch() {
        Boards b = Boards.queued().claim(OWNER).fail().retry();
        Task t = b.accept(OTHER, new Start(ID, null, null, LEASE)).task();
        assertThat(t.epoch()).isEqualTo(2);
        assertThat(t.assignee()).isEqualTo(OTHER);
        assertThat(t.attempt()).isEqualTo(2);
    }
}

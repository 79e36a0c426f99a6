package dev.baton.core;

import static dev.baton.core.QueueScript.A;
import static dev.baton.core.QueueScript.LEAD;
import static dev.baton.core.QueueScript.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A heartbeat refused because the reaper ended the attempt: what its owner is told, and when that applies. */
class ReapedLeaseTest {

    @Test
    void aReapedOwnerIsToldWhenTheLeaseRanOutAndHowToTakeTheTaskBack() {
        QueueScript s = new QueueScript().spawn(A).start(A);
        Task working = s.task(A);
        s.advance(60);
        s.accept(LEAD, new Reap(A, working.epoch(), working.leaseUntil(), 0, null, 3));
        Task queued = s.task(A);

        AttemptRecord reaped = Lease.reapedFrom(queued, OWNER, null).orElseThrow();
        assertThat(Lease.reapedFrom(queued, OWNER, working.epoch())).hasValue(reaped);
        assertThat(Lease.reapedMessage(queued, reaped, working.leaseUntil())).isEqualTo("lease lost: your lease on " + A
                + " ran out at " + Rules.clock(working.leaseUntil()) + " and the task was reaped at " + Rules.clock(reaped.at()) + "; it is"
                + " queued again (attempt 2): `baton claim " + A + "` to take it back");
        assertThat(Lease.reapedMessage(queued, reaped, null)).startsWith("lease lost: your lease on " + A
                + " ran out and the task was reaped at " + Rules.clock(reaped.at()) + ";");

        // not the owner reaped, another epoch, or held again by someone: not this case
        assertThat(Lease.reapedFrom(queued, "agent-b", null)).isEmpty();
        assertThat(Lease.reapedFrom(queued, OWNER, working.epoch() + 1)).isEmpty();
        s.accept("agent-b", new Claim(A, 900L));
        assertThat(Lease.reapedFrom(s.task(A), OWNER, null)).isEmpty();
    }

    @Test
    void aReapThatFailsTheTaskSaysToRetryIt() {
        QueueScript s = new QueueScript().spawn(A).start(A);
        Task working = s.task(A);
        s.advance(60);
        s.accept(LEAD, new Reap(A, working.epoch(), working.leaseUntil(), 0, null, 1));
        Task failed = s.task(A);
        assertThat(Lease.reapedMessage(failed, Lease.reapedFrom(failed, OWNER, null).orElseThrow(), null))
                .endsWith("; it has FAILED, its attempts used up: `baton retry " + A + "` queues it again");
    }
}

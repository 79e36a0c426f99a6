package dev.baton.core;

import static dev.baton.core.Boards.ID;
import static dev.baton.core.Boards.LEAD;
import static dev.baton.core.Boards.LEASE;
import static dev.baton.core.Boards.OWNER;
import static dev.baton.core.Boards.REVIEWER;
import static dev.baton.core.Boards.T0;
import static dev.baton.core.Boards.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each accepted command writes into the task record besides its state. */
class EffectsTest {

    @Test
    void spawnRecordsWhatItWasGiven() {
        Boards b = Boards.empty();
        Instant now = b.nextTime();
        Task t = b.accept(LEAD, new Spawn(ID, "  " + TITLE + " ", "## Spec\nDo it.", null, 1,
                List.of("web", "auth", "web"), "develop", LEASE)).task();
        assertThat(t.id()).isEqualTo(ID);
        assertThat(t.title()).isEqualTo(TITLE);
        assertThat(t.spec()).isEqualTo("## Spec\nDo it.");
        assertThat(t.priority()).isEqualTo(1);
        assertThat(t.labels()).containsExactly("auth", "web");
        assertThat(t.base()).isEqualTo("develop");
        assertThat(t.createdBy()).isEqualTo(LEAD);
        assertThat(t.createdAt()).isEqualTo(now);
        assertThat(t.updatedAt()).isEqualTo(now);
        assertThat(t.attempt()).isEqualTo(1);
        assertThat(t.reason()).isNull();
        assertThat(t.handoff()).isNull();
        assertThat(t.mergedCommit()).isNull();
    }

    @Test
    void blankSpecIsDropped() {
        Boards b = Boards.empty();
        Task t = b.accept(LEAD, new Spawn(ID, TITLE, "  ", null, 2, null, null, LEASE)).task();
        assertThat(t.spec()).isNull();
        assertThat(t.labels()).isEmpty();
        assertThat(t.base()).isNull();
    }

    @Test
    void claimGrantsALease() {
        Boards b = Boards.queued();
        Instant now = b.nextTime();
        Task t = b.accept(OWNER, new Claim(ID, 600)).task();
        assertThat(t.assignee()).isEqualTo(OWNER);
        assertThat(t.grantedAt()).isEqualTo(now);
        assertThat(t.updatedAt()).isEqualTo(now);
        assertThat(t.leaseUntil()).isEqualTo(now.plusSeconds(600));
    }

    @Test
    void startRecordsTheBaseOnlyWhenThereIsNone() {
        Boards b = Boards.queued().claim(OWNER);
        assertThat(b.accept(OWNER, new Start(ID, 1L, "main", LEASE)).task().base()).isEqualTo("main");

        Boards withBase = Boards.empty();
        withBase.accept(LEAD, new Spawn(ID, TITLE, null, null, 2, List.of(), "release-1", LEASE));
        assertThat(withBase.accept(OWNER, new Start(ID, null, "main", LEASE)).task().base()).isEqualTo("release-1");

        Boards noBase = Boards.queued();
        assertThat(noBase.accept(OWNER, new Start(ID, null, null, LEASE)).task().base()).isNull();
    }

    @Test
    void doneClearsTheLeaseAndLeavesTheHandoff() {
        Boards b = Boards.drive(TaskState.WORKING);
        Handoff h = new Handoff("login works", "LoginController", "remember-me", "review", null);
        Task t = b.accept(OWNER, new Done(ID, 1L, h)).task();
        assertThat(t.leaseUntil()).isNull();
        assertThat(t.handoff()).isEqualTo(h);
        assertThat(t.assignee()).as("the owner stays on record for review").isEqualTo(OWNER);
    }

    @Test
    void anEmptyHandoffIsStoredAsNone() {
        Boards b = Boards.drive(TaskState.WORKING);
        Task t = b.accept(OWNER, new Done(ID, 1L, new Handoff(" ", "", null, null, "\t"))).task();
        assertThat(t.handoff()).isNull();
    }

    @Test
    void rejectGivesTheOwnerANewLeaseAndTheReason() {
        Boards b = Boards.drive(TaskState.IN_REVIEW);
        Instant now = b.nextTime();
        Task t = b.accept(REVIEWER, new Reject(ID, "  add a test  ", 300)).task();
        assertThat(t.reason()).isEqualTo("add a test");
        assertThat(t.leaseUntil()).isEqualTo(now.plusSeconds(300));
        assertThat(t.assignee()).isEqualTo(OWNER);
        assertThat(t.handoff()).as("the handoff from done stays").isEqualTo(Handoff.summary("login form and session cookie"));
    }

    @Test
    void failRecordsReasonAndHandoff() {
        Boards b = Boards.drive(TaskState.WORKING);
        Task t = b.accept(OWNER, new Fail(ID, 1L, " auth service down\n", Handoff.summary("half done"))).task();
        assertThat(t.reason()).isEqualTo("auth service down");
        assertThat(t.handoff()).isEqualTo(Handoff.summary("half done"));
        assertThat(t.leaseUntil()).isNull();
    }

    @Test
    void cancelRecordsAReasonWhenGiven() {
        Boards withReason = Boards.drive(TaskState.WORKING);
        Task t = withReason.accept(LEAD, new Cancel(ID, " duplicate ")).task();
        assertThat(t.reason()).isEqualTo("duplicate");
        assertThat(t.leaseUntil()).isNull();

        Boards blank = Boards.drive(TaskState.QUEUED);
        assertThat(blank.accept(LEAD, new Cancel(ID, "  ")).task().reason()).isNull();
        Boards none = Boards.drive(TaskState.QUEUED);
        assertThat(none.accept(LEAD, new Cancel(ID, null)).task().reason()).isNull();
    }

    @Test
    void retryClearsOwnerAndLease() {
        Boards b = Boards.drive(TaskState.FAILED);
        Instant now = b.nextTime();
        Task t = b.accept(LEAD, new Retry(ID)).task();
        assertThat(t.assignee()).isNull();
        assertThat(t.leaseUntil()).isNull();
        assertThat(t.updatedAt()).isEqualTo(now);
        assertThat(t.attempt()).isEqualTo(2);
    }

    @Test
    void creationStaysAndUpdateFollowsEveryTransition() {
        Boards b = Boards.drive(TaskState.COMPLETED);
        assertThat(b.task().createdAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(b.task().createdBy()).isEqualTo(LEAD);
        assertThat(b.task().updatedAt()).isEqualTo(b.events().get(b.events().size() - 1).time());
        assertThat(b.task().mergedCommit()).isEqualTo(Boards.COMMIT);
        assertThat(b.task().title()).isEqualTo(TITLE);
    }

    @Test
    void aRefusedCommandStillAdvancesNothing() {
        Boards b = Boards.drive(TaskState.IN_REVIEW);
        Task before = b.task();
        b.refuse(OWNER, new Approve(ID));
        b.refuse(OWNER, new Done(ID, 1L, Handoff.NONE));
        assertThat(b.task()).isSameAs(before);
        assertThat(b.task().updatedAt()).isEqualTo(before.updatedAt());
    }
}

package dev.baton.core;

import static dev.baton.core.Boards.ID;
import static dev.baton.core.Boards.LEAD;
import static dev.baton.core.Boards.LEASE;
import static dev.baton.core.Boards.OTHER;
import static dev.baton.core.Boards.OWNER;
import static dev.baton.core.Boards.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may give which command: owners finish their own work, someone else reviews it. */
class OwnershipTest {

    @ParameterizedTest
    @ValueSource(strings = {OTHER, REVIEWER, LEAD, "Agent-A", "agent-a2"})
    void doneByNonOwnerIsRefusedNamingTheOwner(String actor) {
        Boards b = Boards.drive(TaskState.WORKING);
        Rejection r = b.refuse(actor, new Done(ID, b.task().epoch(), Handoff.NONE));
        assertThat(r.kind()).isEqualTo(Rejection.Kind.REFUSED);
        assertThat(r.message())
                .startsWith(ID + " is WORKING, owned by agent-a since ")
                .endsWith("; only agent-a can mark it done");
    }

    @Test
    void doneByNonOwnerWithoutEpochIsRefusedToo() {
        Boards b = Boards.drive(TaskState.WORKING);
        Rejection r = b.refuse(OTHER, new Done(ID, null, Handoff.NONE));
        assertThat(r.message()).contains("only agent-a can mark it done");
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"ASSIGNED", "WORKING"})
    void failByNonOwnerIsRefusedNamingTheOwner(TaskState state) {
        Boards b = Boards.drive(state);
        Rejection r = b.refuse(OTHER, new Fail(ID, b.task().epoch(), "blocked", null));
        assertThat(r.kind()).isEqualTo(Rejection.Kind.REFUSED);
        assertThat(r.message())
                .startsWith(ID + " is " + state + ", owned by agent-a since ")
                .endsWith("; only agent-a can fail it");
    }

    @Test
    void startOnAssignedByNonOwnerIsRefusedNamingTheOwner() {
        Boards b = Boards.drive(TaskState.ASSIGNED);
        Rejection withEpoch = b.refuse(OTHER, new Start(ID, b.task().epoch(), null, LEASE));
        Rejection withoutEpoch = b.refuse(OTHER, new Start(ID, null, null, LEASE));
        for (Rejection r : new Rejection[] {withEpoch, withoutEpoch}) {
            assertThat(r.kind()).isEqualTo(Rejection.Kind.REFUSED);
            assertThat(r.message())
                    .startsWith(ID + " is ASSIGNED, owned by agent-a since ")
                    .endsWith("; only agent-a can start it");
        }
    }

    @Test
    void startOnWorkingByNonOwnerSaysAlreadyClaimed() {
        Boards b = Boards.drive(TaskState.WORKING);
        Rejection r = b.refuse(OTHER, new Start(ID, null, null, LEASE));
        assertThat(r).isEqualTo(Rejection.refused(ID + " is already claimed by agent-a (epoch 1)"));
    }

    @Test
    void startOnWorkingByOwnerIsRefusedByState() {
        Boards b = Boards.drive(TaskState.WORKING);
        Rejection r = b.refuse(OWNER, new Start(ID, 1L, null, LEASE));
        assertThat(r.kind()).isEqualTo(Rejection.Kind.REFUSED);
        assertThat(r.message()).endsWith("; only a task that is QUEUED or ASSIGNED can be started");
    }

    @Test
    void startOnQueuedByAnyoneClaimsIt() {
        Boards b = Boards.queued();
        Transition t = b.accept(OTHER, new Start(ID, null, null, LEASE));
        assertThat(t.task().assignee()).isEqualTo(OTHER);
        assertThat(t.task().state()).isEqualTo(TaskState.WORKING);
    }

    @Test
    void approveByTheAssigneeIsRefused() {
        Boards b = Boards.drive(TaskState.IN_REVIEW);
        Rejection r = b.refuse(OWNER, new Approve(ID));
        assertThat(r).isEqualTo(Rejection.refused(ID + " is assigned to you (agent-a); someone else must approve it"));
    }

    @Test
    void rejectByTheAssigneeIsRefused() {
        Boards b = Boards.drive(TaskState.IN_REVIEW);
        Rejection r = b.refuse(OWNER, new Reject(ID, "not good enough", LEASE));
        assertThat(r).isEqualTo(Rejection.refused(ID + " is assigned to you (agent-a); someone else must reject it"));
    }

    @ParameterizedTest
    @ValueSource(strings = {REVIEWER, OTHER, LEAD})
    void approveAndRejectByAnyoneElseAreAccepted(String actor) {
        Boards approved = Boards.drive(TaskState.IN_REVIEW);
        assertThat(approved.accept(actor, new Approve(ID)).task().state()).isEqualTo(TaskState.APPROVED);
        Boards rejected = Boards.drive(TaskState.IN_REVIEW);
        Transition t = rejected.accept(actor, new Reject(ID, "add tests", LEASE));
        assertThat(t.task().state()).isEqualTo(TaskState.WORKING);
        assertThat(t.task().assignee()).as("reject hands the work back to its owner").isEqualTo(OWNER);
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"ASSIGNED", "WORKING"})
    void claimOnAClaimedTaskNamesOwnerAndEpoch(TaskState state) {
        Boards b = Boards.drive(state);
        for (String actor : new String[] {OTHER, OWNER}) {
            Rejection r = b.refuse(actor, new Claim(ID, LEASE));
            assertThat(r).isEqualTo(Rejection.refused(ID + " is already claimed by agent-a (epoch 1)"));
        }
    }

    @Test
    void claimAfterReclaimNamesTheNewOwnerAndEpoch() {
        Boards b = Boards.queued().claim(OWNER).fail().retry().claim(REVIEWER);
        Rejection r = b.refuse(OTHER, new Claim(ID, LEASE));
        assertThat(r.message()).isEqualTo(ID + " is already claimed by agent-b (epoch 2)");
    }

    @Test
    void claimOnATaskSpawnedToSomeoneSaysAlreadyClaimed() {
        Boards b = Boards.empty();
        b.accept(LEAD, Boards.spawnTo(ID, Boards.TITLE, OWNER));
        assertThat(b.refuse(OTHER, new Claim(ID, LEASE)).message())
                .isEqualTo(ID + " is already claimed by agent-a (epoch 1)");
    }

    @Test
    void theSpawnedAssigneeOwnsTheTask() {
        Boards b = Boards.empty();
        b.accept(LEAD, Boards.spawnTo(ID, Boards.TITLE, OWNER));
        assertThat(b.refuse(LEAD, new Start(ID, 1L, null, LEASE)).message()).endsWith("only agent-a can start it");
        assertThat(b.accept(OWNER, new Start(ID, 1L, null, LEASE)).task().state()).isEqualTo(TaskState.WORKING);
    }
}

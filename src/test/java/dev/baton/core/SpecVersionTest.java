package dev.baton.core;

import static dev.baton.core.QueueScript.A;
import static dev.baton.core.QueueScript.B;
import static dev.baton.core.QueueScript.LEAD;
import static dev.baton.core.QueueScript.LEASE;
import static dev.baton.core.QueueScript.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Edit: an open task's title, spec, priority and labels; a new spec bumps the version that start records. */
class SpecVersionTest {

    private static final String SPEC_1 = "## Requirements\n- parse\n\n## Acceptance\n- tests pass\n";
    private static final String SPEC_2 = "## Requirements\n- parse\n- report errors\n\n## Acceptance\n- tests pass\n";

    @Test
    void aSpawnedTaskIsAtSpecVersionOneAndNotStarted() {
        QueueScript s = new QueueScript();
        Task t = s.accept(LEAD, QueueScript.keyed(A, "Parser", SPEC_1, null)).task();
        assertThat(t.specVersion()).isEqualTo(1);
        assertThat(t.startedSpecVersion()).isNull();
        assertThat(t.spec()).isEqualTo(SPEC_1);
    }

    @Test
    void editingTheSpecBumpsTheVersionAndStartRecordsIt() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.keyed(A, "Parser", SPEC_1, null));
        Transition edited = s.accept(LEAD, new Edit(A, null, SPEC_2, null, null));
        assertThat(edited.event().command().name()).isEqualTo("edit");
        assertThat(edited.event().from()).isEqualTo(TaskState.QUEUED);
        assertThat(edited.event().to()).isEqualTo(TaskState.QUEUED);
        assertThat(s.task(A).spec()).isEqualTo(SPEC_2);
        assertThat(s.task(A).specVersion()).isEqualTo(2);
        assertThat(s.task(A).updatedAt()).isEqualTo(s.now());

        // claiming is not starting work
        s.claim(A);
        assertThat(s.task(A).startedSpecVersion()).isNull();
        s.accept(LEAD, new Edit(A, null, "## Requirements\n- everything\n", null, null));
        assertThat(s.task(A).specVersion()).isEqualTo(3);

        s.accept(OWNER, new Start(A, s.task(A).epoch(), null, LEASE));
        assertThat(s.task(A).startedSpecVersion()).isEqualTo(3);

        // an edit while the work goes on is visible as a newer version than the one started on
        s.accept(LEAD, new Edit(A, null, SPEC_1, null, null));
        assertThat(s.task(A).specVersion()).isEqualTo(4);
        assertThat(s.task(A).startedSpecVersion()).isEqualTo(3);
    }

    @Test
    void startOnAQueuedTaskRecordsTheVersionToo() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.keyed(A, "Parser", SPEC_1, null));
        s.accept(LEAD, new Edit(A, null, SPEC_2, null, null));
        s.start(A);
        assertThat(s.task(A).startedSpecVersion()).isEqualTo(2);
    }

    @Test
    void theSameSpecAgainIsNoChangeAndOtherFieldsDoNotBumpTheVersion() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.keyed(A, "Parser", SPEC_1, null));
        assertThat(s.noChange(LEAD, new Edit(A, null, SPEC_1, null, null)).why()).isEqualTo("nothing to change");
        assertThat(s.noChange(LEAD, new Edit(A, null, null, null, null)).why()).isEqualTo("nothing to change");
        assertThat(s.noChange(LEAD, new Edit(A, "Parser", null, 2, List.of())).why()).isEqualTo("nothing to change");

        s.accept(LEAD, new Edit(A, " Better parser ", null, 0, List.of("lang", "core", "lang")));
        Task t = s.task(A);
        assertThat(t.title()).isEqualTo("Better parser");
        assertThat(t.priority()).isZero();
        assertThat(t.labels()).containsExactly("core", "lang");
        assertThat(t.specVersion()).isEqualTo(1);

        // a blank spec removes it, which is a new version
        s.accept(LEAD, new Edit(A, null, " ", null, null));
        assertThat(s.task(A).spec()).isNull();
        assertThat(s.task(A).specVersion()).isEqualTo(2);
    }

    @Test
    void badEditsAreRefused() {
        QueueScript s = new QueueScript().spawn(A).spawn(B);
        assertThat(s.refuse(LEAD, new Edit(A, "two\nlines", null, null, null)).kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(s.refuse(LEAD, new Edit(A, " ", null, null, null)).kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(s.refuse(LEAD, new Edit(A, null, null, 5, null)).message())
                .isEqualTo("priority 5 is out of range; use 0 (most urgent) to 4");
        assertThat(s.refuse(LEAD, new Edit(A, null, null, null, List.of("bad label"))).kind())
                .isEqualTo(Rejection.Kind.INVALID);
        assertThat(s.refuse(LEAD, new Edit("T-zzzzzzzz", "x", null, null, null)).kind())
                .isEqualTo(Rejection.Kind.NOT_FOUND);
        s.complete(B);
        assertThat(s.refuse(LEAD, new Edit(B, "x", null, null, null)).message())
                .isEqualTo(B + " is COMPLETED; only an open task can be edited");
    }
}

package dev.baton.core;

import static dev.baton.core.QueueScript.A;
import static dev.baton.core.QueueScript.B;
import static dev.baton.core.QueueScript.C;
import static dev.baton.core.QueueScript.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Idempotency keys: a second spawn with the same key changes nothing; with another title or spec it is refused. */
class KeyTest {

    @Test
    void aSecondSpawnWithTheSameKeyChangesNothing() {
        QueueScript s = new QueueScript();
        Task first = s.accept(LEAD, QueueScript.keyed(A, "Build the parser", "## Goal\nparse", "parser-1")).task();
        assertThat(first.key()).isEqualTo("parser-1");

        // another id, the same key, title and spec: the existing task, untouched
        NoChange again = s.noChange("someone-else", QueueScript.keyed(B, "Build the parser", "## Goal\nparse", "parser-1"));
        assertThat(again.task()).isEqualTo(first);
        assertThat(again.why()).isEqualTo("a task with key parser-1 exists: " + A);
        assertThat(s.board().task(B)).isEmpty();
        assertThat(s.board().taskByKey("parser-1")).contains(first);
    }

    @Test
    void theTitleIsComparedAsStoredAndABlankSpecIsNone() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.keyed(A, "  Build the parser ", "  ", "k"));
        assertThat(s.noChange(LEAD, QueueScript.keyed(B, "Build the parser", null, "k")).task().id()).isEqualTo(A);
        assertThat(s.noChange(LEAD, QueueScript.keyed(B, " Build the parser", "", "k")).task().id()).isEqualTo(A);
    }

    @Test
    void otherSettingsUnderTheSameKeyStillReturnTheTask() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.keyed(A, "Build the parser", null, "k"));
        Spawn urgent = new Spawn(B, "Build the parser", null, null, 0, java.util.List.of("x"), null,
                QueueScript.LEASE, java.util.List.of(), null, "k", BlockerPolicy.CANCEL);
        assertThat(s.noChange(LEAD, urgent).task().priority()).isEqualTo(Task.DEFAULT_PRIORITY);
    }

    @Test
    void aDifferentTitleOrSpecUnderTheSameKeyIsRefused() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.keyed(A, "Build the parser", "spec one", "parser-1"));

        Rejection title = s.refuse(LEAD, QueueScript.keyed(B, "Build the lexer", "spec one", "parser-1"));
        assertThat(title.kind()).isEqualTo(Rejection.Kind.REFUSED);
        assertThat(title.message()).isEqualTo("key 'parser-1' already belongs to " + A
                + " (\"Build the parser\") with a different title or spec; use another key");

        Rejection spec = s.refuse(LEAD, QueueScript.keyed(B, "Build the parser", "spec two", "parser-1"));
        assertThat(spec.kind()).isEqualTo(Rejection.Kind.REFUSED);
        assertThat(spec.message()).startsWith("key 'parser-1' already belongs to " + A);

        Rejection noSpec = s.refuse(LEAD, QueueScript.keyed(B, "Build the parser", null, "parser-1"));
        assertThat(noSpec.kind()).isEqualTo(Rejection.Kind.REFUSED);
    }

    @Test
    void theKeyStillHoldsOnceTheTaskIsFinished() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.keyed(A, "Build the parser", null, "k"));
        s.complete(A);
        assertThat(s.noChange(LEAD, QueueScript.keyed(B, "Build the parser", null, "k")).task().state())
                .isEqualTo(TaskState.COMPLETED);

        s.accept(LEAD, QueueScript.keyed(C, "Another", null, "k2"));
        s.cancel(C);
        assertThat(s.noChange(LEAD, QueueScript.keyed(B, "Another", null, "k2")).task().id()).isEqualTo(C);
    }

    @Test
    void differentKeysMakeDifferentTasks() {
        QueueScript s = new QueueScript();
        s.accept(LEAD, QueueScript.keyed(A, "Same title", null, "k1"));
        s.accept(LEAD, QueueScript.keyed(B, "Same title", null, "k2"));
        // and without a key, nothing is deduplicated
        s.accept(LEAD, QueueScript.keyed(C, "Same title", null, null));
        assertThat(s.board().all()).hasSize(3);
    }

    @Test
    void aKeyIsOneToTwoHundredPrintableAsciiCharacters() {
        QueueScript s = new QueueScript();
        for (String bad : new String[] {"", " leading space", "tab\there", "caf\u00e9", "x".repeat(201), "new\nline"}) {
            Rejection r = s.refuse(LEAD, QueueScript.keyed(A, "t", null, bad));
            assertThat(r.kind()).as("key %s", bad).isEqualTo(Rejection.Kind.INVALID);
            assertThat(r.message()).isEqualTo("a key is 1 to 200 printable ASCII characters");
        }
        s.accept(LEAD, QueueScript.keyed(A, "t", null, "x".repeat(200)));
        s.accept(LEAD, QueueScript.keyed(B, "t", null, "ci run #42: step/3 (retry)"));
    }
}

package dev.baton.core;

import static dev.baton.core.QueueScript.A;
import static dev.baton.core.QueueScript.B;
import static dev.baton.core.QueueScript.C;
import static dev.baton.core.QueueScript.D;
import static dev.baton.core.QueueScript.E;
import static dev.baton.core.QueueScript.F;
import static dev.baton.core.QueueScript.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.EventCodec;
import dev.baton.store.TaskCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The consequences a transition carries (blocked marks, cancellations down a chain, lifted marks, epics completing)
 * are computed by the state machine, so replaying the recorded commands must give them again: each command is written
 * as a commit message, read back, and decided on the board before it.
 */
class CascadeReplayTest {

    /** Every queue feature, with cascades of each kind. */
    private static QueueScript script() {
        QueueScript s = new QueueScript();
        s.spawn(A);
        s.accept(LEAD, QueueScript.keyed(B, "keyed", "## Goal\nbe there once", "the-key"));
        s.spawnAfter(C, BlockerPolicy.CANCEL, A);
        s.spawnAfter(D, null, C);
        s.spawnAfter(E, BlockerPolicy.IGNORE, A);
        s.accept(LEAD, new SpawnBatch(List.of(QueueScript.child(F, "child of B", B),
                QueueScript.child("T-gggggggg", "second child of B", B))));
        s.accept(LEAD, new DepAdd("T-gggggggg", A));
        s.accept(LEAD, new Edit(B, null, "## Goal\nbe there once, edited", 1, List.of("x")));
        s.fail(A);              // C cancelled, D marked, E unaffected, G marked
        s.complete(E);          // E counts the failed A as done
        s.retry(A);             // G's mark lifted; D keeps C's
        s.accept(LEAD, new DepRemove(D, C));
        s.complete(F);
        s.accept(LEAD, new DepRemove("T-gggggggg", A));
        s.complete("T-gggggggg"); // B completes with its last child
        return s;
    }

    @Test
    void theScriptHasTheCascadesItIsMeantToHave() {
        QueueScript s = script();
        assertThat(s.state(C)).isEqualTo(TaskState.CANCELLED);
        assertThat(s.state(B)).isEqualTo(TaskState.COMPLETED);
        assertThat(s.task(D).blocked()).isNull();
        assertThat(s.task(B).specVersion()).isEqualTo(2);
        assertThat(s.ready()).containsExactly(A, D);
    }

    @Test
    void everyRecordedCommandReplaysToTheSameTransition() {
        QueueScript s = script();
        MemoryBoard board = MemoryBoard.empty();
        for (QueueScript.Step step : s.steps()) {
            String message = EventCodec.message(step.transition().event());
            Event recorded = EventCodec.decode(message).orElseThrow();
            assertThat(recorded.command()).as("the command read back from `%s`", message).isEqualTo(step.command());
            assertThat(recorded.actor()).isEqualTo(step.actor());
            assertThat(recorded.time()).isEqualTo(step.at());

            Outcome replayed = recorded.command().decide(board, recorded.actor(), recorded.time());
            assertThat(replayed).as("replay of %s", step.command()).isInstanceOf(Transition.class);
            Transition t = (Transition) replayed;
            assertThat(t.changes()).as("changes of %s", step.command())
                    .containsExactlyInAnyOrderElementsOf(step.transition().changes());
            assertThat(recorded.to()).isEqualTo(t.event().to());
            assertThat(recorded.from()).isEqualTo(t.event().from());
            assertThat(recorded.epoch()).isEqualTo(t.event().epoch());
            board = board.apply(t);
        }
        assertThat(board.all()).isEqualTo(s.board().all());
    }

    @Test
    void everyTaskRecordSurvivesItsEncoding() throws Exception {
        QueueScript s = script();
        for (QueueScript.Step step : s.steps()) {
            for (Task t : step.transition().changes()) {
                assertThat(TaskCodec.decode(TaskCodec.encode(t))).isEqualTo(t);
            }
        }
    }
}

package dev.baton.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a batch spawn reads: deciding item n must not look at the n - 1 items before it (a 100,000-line batch would then
 * cost 10^10 steps). Counted, not timed.
 */
class BatchCostTest {

    /** A board that counts the listings of a state asked of it. */
    private static final class CountingBoard implements BoardView {
        private final BoardView base;
        int listings;

        CountingBoard(BoardView base) {
            this.base = base;
        }

        @Override
        public Optional<Task> task(String id) {
            return base.task(id);
        }

        @Override
        public Optional<Roles> roles() {
            return base.roles();
        }

        @Override
        public Optional<Task> taskByKey(String key) {
            return base.taskByKey(key);
        }

        @Override
        public List<Task> inState(TaskState state) {
            listings++;
            return base.inState(state);
        }
    }

    @Test
    void spawnsWithoutReservationsNeverListTheWorkingTasks() {
        Random random = new Random(1);
        List<Spawn> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add(new Spawn(TaskIds.random(random), "task " + i, null, null, 2, null, null, 900));
        }
        CountingBoard board = new CountingBoard(MemoryBoard.empty());

        Outcome o = new SpawnBatch(items).decide(board, "lead", Instant.parse("2026-11-23T00:00:00Z"));

        assertThat(o).isInstanceOf(Transition.class);
        assertThat(((Transition) o).changes()).hasSize(300);
        assertThat(board.listings).isZero();
    }

    @Test
    void aSpawnThatReservesStillChecksTheWorkingTasks() {
        CountingBoard board = new CountingBoard(MemoryBoard.empty());
        Spawn reserving = new Spawn(TaskIds.random(new Random(2)), "reserve", null, null, 2, null, null, 900, List.of(),
                null, null, null, List.of("src/**"));

        reserving.decide(board, "lead", Instant.parse("2026-11-23T00:00:00Z"));

        assertThat(board.listings).isPositive();
    }
}

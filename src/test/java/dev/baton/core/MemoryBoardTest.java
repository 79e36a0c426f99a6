package dev.baton.core;

import static dev.baton.core.Boards.LEAD;
import static dev.baton.core.Boards.LEASE;
import static dev.baton.core.Boards.OWNER;
import static dev.baton.core.Boards.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reference board: immutable snapshots, and queues in {@link QueueOrder}. */
class MemoryBoardTest {

    private MemoryBoard board = MemoryBoard.empty();

    private void spawn(String id, int priority, int minute) {
        Spawn s = new Spawn(id, "task " + id, null, null, priority, List.of(), null, LEASE);
        Outcome o = s.decide(board, LEAD, T0.plusSeconds(60L * minute));
        assertThat(o).isInstanceOf(Transition.class);
        board = board.apply((Transition) o);
    }

    private void run(String actor, Command c, int minute) {
        Outcome o = c.decide(board, actor, T0.plusSeconds(60L * minute));
        assertThat(o).isInstanceOf(Transition.class);
        board = board.apply((Transition) o);
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }

    @Test
    void queueIsPriorityThenAgeThenId() {
        spawn("T-00000005", 2, 1);
        spawn("T-00000004", 0, 9);
        spawn("T-00000003", 2, 0);
        spawn("T-0000000b", 4, 0);
        spawn("T-0000000a", 2, 1);
        spawn("T-00000001", 0, 9);
        assertThat(ids(board.inState(TaskState.QUEUED))).containsExactly(
                "T-00000001", "T-00000004", // priority 0, same age: by id
                "T-00000003", // priority 2, oldest
                "T-00000005", "T-0000000a", // priority 2, same age: by id
                "T-0000000b"); // priority 4
    }

    @Test
    void queueOrderDoesNotDependOnInsertionOrder() {
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
        Collections.shuffle(order, new Random(7));
        String[] ids = {"T-00000000", "T-00000001", "T-00000002", "T-00000003",
                "T-00000004", "T-00000005", "T-00000006", "T-00000007"};
        for (int i : order) {
            spawn(ids[i], i % 2 == 0 ? 1 : 3, 10 - i / 2);
        }
        // priority 1: 0,2,4,6 with minutes 10,9,8,7 → 6,4,2,0; priority 3: 1,3,5,7 with minutes 10,9,8,7 → 7,5,3,1
        assertThat(ids(board.inState(TaskState.QUEUED))).containsExactly(
                "T-00000006", "T-00000004", "T-00000002", "T-00000000",
                "T-00000007", "T-00000005", "T-00000003", "T-00000001");
    }

    @Test
    void inStateListsOnlyThatState() {
        spawn("T-00000001", 2, 0);
        spawn("T-00000002", 2, 1);
        spawn("T-00000003", 1, 2);
        run(OWNER, new Claim("T-00000002", LEASE), 3);
        run(OWNER, new Claim("T-00000003", LEASE), 4);
        run(OWNER, new Fail("T-00000003", 1L, "broken", null), 5);
        assertThat(ids(board.inState(TaskState.QUEUED))).containsExactly("T-00000001");
        assertThat(ids(board.inState(TaskState.ASSIGNED))).containsExactly("T-00000002");
        assertThat(ids(board.inState(TaskState.FAILED))).containsExactly("T-00000003");
        assertThat(board.inState(TaskState.WORKING)).isEmpty();
        assertThat(ids(board.all())).containsExactly("T-00000003", "T-00000001", "T-00000002");
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"COMPLETED", "CANCELLED"})
    void closedStatesAreNotIndexed(TaskState state) {
        spawn("T-00000001", 2, 0);
        assertThatThrownBy(() -> board.inState(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(state + " is not indexed");
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"COMPLETED", "CANCELLED"}, mode = EnumSource.Mode.EXCLUDE)
    void openStatesAreIndexed(TaskState state) {
        assertThat(MemoryBoard.empty().inState(state)).isEmpty();
    }

    @Test
    void cancelledTasksStayInAll() {
        spawn("T-00000001", 2, 0);
        run(LEAD, new Cancel("T-00000001", null), 1);
        assertThat(board.inState(TaskState.QUEUED)).isEmpty();
        assertThat(board.all()).extracting(Task::state).containsExactly(TaskState.CANCELLED);
    }

    @Test
    void applyLeavesTheOldBoardAlone() {
        spawn("T-00000001", 2, 0);
        MemoryBoard before = board;
        Task queued = before.task("T-00000001").orElseThrow();
        run(OWNER, new Claim("T-00000001", LEASE), 1);
        assertThat(before.task("T-00000001")).containsSame(queued);
        assertThat(board.task("T-00000001").orElseThrow().state()).isEqualTo(TaskState.ASSIGNED);
        assertThat(before.inState(TaskState.ASSIGNED)).isEmpty();
        assertThat(MemoryBoard.empty().all()).isEmpty();
        assertThat(MemoryBoard.empty().task("T-00000001")).isEmpty();
    }

    @Test
    void comparatorPutsUnknownCreationFirst() {
        Task undated = Task.builder("T-00000009", "x").priority(1).build();
        Task dated = Task.builder("T-00000001", "y").priority(1).createdAt(Instant.EPOCH).build();
        Task urgent = Task.builder("T-0000000z", "z").priority(0).createdAt(Instant.MAX).build();
        List<Task> sorted = new ArrayList<>(List.of(dated, undated, urgent));
        sorted.sort(QueueOrder.COMPARATOR);
        assertThat(sorted).containsExactly(urgent, undated, dated);
    }
}

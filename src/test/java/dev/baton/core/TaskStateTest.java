package dev.baton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskStateTest {

    @Test
    void terminalAndOpenStates() {
        Set<TaskState> terminal = EnumSet.noneOf(TaskState.class);
        Set<TaskState> open = EnumSet.noneOf(TaskState.class);
        for (TaskState s : TaskState.values()) {
            if (s.isTerminal()) {
                terminal.add(s);
            }
            if (s.isOpen()) {
                open.add(s);
            }
        }
        assertThat(terminal).containsExactlyInAnyOrder(TaskState.COMPLETED, TaskState.CANCELLED, TaskState.FAILED);
        assertThat(open).containsExactlyInAnyOrder(TaskState.QUEUED, TaskState.ASSIGNED, TaskState.WORKING,
                TaskState.IN_REVIEW, TaskState.APPROVED, TaskState.FAILED);
    }

    @ParameterizedTest
    @CsvSource({"queued, QUEUED", "in-review, IN_REVIEW", "IN_REVIEW, IN_REVIEW", "' Working ', WORKING",
            "failed, FAILED"})
    void parse(String text, TaskState expected) {
        assertThat(TaskState.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "done", "in review", "queue"})
    void parseRejectsUnknownNames(String text) {
        assertThatThrownBy(() -> TaskState.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown state '" + text + "'");
    }
}

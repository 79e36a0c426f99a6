package dev.baton.core;

import static dev.baton.core.Boards.ID;
import static dev.baton.core.Boards.LEAD;
import static dev.baton.core.Boards.LEASE;
import static dev.baton.core.Boards.OWNER;
import static dev.baton.core.Boards.REVIEWER;
import static dev.baton.core.Boards.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed commands are INVALID and change nothing. */
class ValidationTest {

    private static Spawn spawn(String id, String title, String assignee, int priority, List<String> labels) {
        return new Spawn(id, title, null, assignee, priority, labels, null, LEASE);
    }

    private static Rejection invalidSpawn(Spawn spawn) {
        Boards b = Boards.empty();
        Rejection r = b.refuse(LEAD, spawn);
        assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(b.board().all()).isEmpty();
        return r;
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t"})
    void emptyOrBlankTitle(String title) {
        assertThat(invalidSpawn(spawn(ID, title, null, 2, List.of())).message())
                .isEqualTo("a task title must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"first line\nsecond line", "first line\r\nsecond", "title\r", "\ntitle"})
    void titleWithALineBreak(String title) {
        assertThat(invalidSpawn(spawn(ID, title, null, 2, List.of())).message())
                .isEqualTo("a task title is one line; put the rest in --spec");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 5, Integer.MIN_VALUE, 100})
    void priorityOutOfRange(int priority) {
        assertThat(invalidSpawn(spawn(ID, TITLE, null, priority, List.of())).message())
                .isEqualTo("priority " + priority + " is out of range; use 0 (most urgent) to 4");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void priorityInRange(int priority) {
        Boards b = Boards.empty();
        assertThat(b.accept(LEAD, spawn(ID, TITLE, null, priority, List.of())).task().priority()).isEqualTo(priority);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"T-4k2p", "T-4k2p7q9mm", "t-4k2p7q9m", "X-4k2p7q9m", "T_4k2p7q9m", "T-4K2P7Q9M",
            "T-4k2p7q9i", "T-4k2p7q9l", "T-4k2p7q9o", "T-4k2p7q9u", "4k2p7q9m", "T-4k2p 7q9"})
    void invalidId(String id) {
        assertThat(invalidSpawn(spawn(id, TITLE, null, 2, List.of())).message())
                .isEqualTo("'" + id + "' is not a task id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-backend", "/area", "two words", "bäckend", "a:b",
            "x2345678901234567890123456789012345678901234567890123456789012345"})
    void invalidLabel(String label) {
        assertThat(invalidSpawn(spawn(ID, TITLE, null, 2, List.of("ok", label))).message())
                .isEqualTo("label '" + label + "' is not valid; use letters, digits, '.', '_', '-', '/'");
    }

    @Test
    void validLabelsAreSortedAndDistinct() {
        String longest = "x".repeat(64);
        Boards b = Boards.empty();
        Task t = b.accept(LEAD, spawn(ID, TITLE, null, 2,
                List.of("backend", "area/auth", "backend", "v1.2_rc-3", longest))).task();
        assertThat(t.labels()).containsExactly("area/auth", "backend", "v1.2_rc-3", longest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-agent", "agent a", "agent:a", "agent/a", "ágent"})
    void invalidAssignee(String assignee) {
        assertThat(invalidSpawn(spawn(ID, TITLE, assignee, 2, List.of())).message())
                .isEqualTo("'" + assignee + "' is not a valid agent name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent-a", "claude.code_2", "bot+ci@example.com", "A"})
    void validAssignee(String assignee) {
        Boards b = Boards.empty();
        assertThat(b.accept(LEAD, spawn(ID, TITLE, assignee, 2, List.of())).task().assignee()).isEqualTo(assignee);
    }

    @Test
    void actorNames() {
        assertThat(Actors.isValid(null)).isFalse();
        assertThat(Actors.isValid("a".repeat(100))).isTrue();
        assertThat(Actors.isValid("a".repeat(101))).isFalse();
    }

    @Test
    void labelNames() {
        assertThat(Labels.isValid(null)).isFalse();
        assertThat(Labels.isValid("area/auth")).isTrue();
        assertThat(Labels.isValid("x".repeat(65))).isFalse();
    }

    @Test
    void spawnOfAnExistingIdIsRefused() {
        Boards b = Boards.queued();
        Rejection r = b.refuse(OWNER, Boards.spawn(ID, "Other work"));
        assertThat(r).isEqualTo(Rejection.refused("a task " + ID + " already exists"));
    }

    @Test
    void theFirstProblemIsReported() {
        // Blank title and bad priority and bad id: the title is checked first.
        Rejection r = invalidSpawn(spawn("nope", " ", null, 9, List.of()));
        assertThat(r.message()).isEqualTo("a task title must not be empty");
    }

    @Test
    void invalidSpawnOverAnExistingIdIsInvalidNotRefused() {
        Boards b = Boards.queued();
        Rejection r = b.refuse(LEAD, spawn(ID, TITLE, null, 7, List.of()));
        assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\n"})
    void rejectNeedsAReason(String reason) {
        Boards b = Boards.drive(TaskState.IN_REVIEW);
        assertThat(b.refuse(REVIEWER, new Reject(ID, reason, LEASE)))
                .isEqualTo(Rejection.invalid("a rejection reason must not be empty"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void failNeedsAReason(String reason) {
        Boards b = Boards.drive(TaskState.WORKING);
        assertThat(b.refuse(OWNER, new Fail(ID, 1L, reason, null)))
                .isEqualTo(Rejection.invalid("a failure reason must not be empty"));
    }

    @Test
    void aMissingReasonIsInvalidWhateverTheState() {
        Boards b = Boards.queued();
        assertThat(b.refuse(REVIEWER, new Reject(ID, "", LEASE)).kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(b.refuse(OWNER, new Fail(ID, null, null, null)).kind()).isEqualTo(Rejection.Kind.INVALID);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abc123", "0123456789abcdef0123456789abcdef0123456", "0123456789abcdef0123456789abcdef012345678",
            "0123456789ABCDEF0123456789ABCDEF01234567", "g123456789abcdef0123456789abcdef01234567",
            " 0123456789abcdef0123456789abcdef01234567"})
    void mergeNeedsAFullCommitId(String commit) {
        Boards b = Boards.drive(TaskState.APPROVED);
        assertThat(b.refuse(LEAD, new Merge(ID, commit)))
                .isEqualTo(Rejection.invalid("merge needs the merged commit id (40 hex digits)"));
    }

    @Test
    void mergeRecordsTheCommit() {
        Boards b = Boards.drive(TaskState.APPROVED);
        String commit = "a".repeat(20) + "0".repeat(20);
        assertThat(b.accept(LEAD, new Merge(ID, commit)).task().mergedCommit()).isEqualTo(commit);
    }
}

package dev.baton.core;

import java.util.List;
import java.util.Optional;

/**
 * A read-only snapshot of the board, as the state machine sees it. Implementations may load tasks lazily; they must
 * answer from one consistent snapshot.
 */
public interface BoardView {

    /** The task with exactly this id. */
    Optional<Task> task(String id);

    /** The roles file, when there is one (none: everyone may do everything). */
    Optional<Roles> roles();

    /** The task spawned with this idempotency key. */
    Optional<Task> taskByKey(String key);

    /**
     * The tasks in an open state (see {@link TaskState#isOpen()}), in queue order: priority (0 first), then age (first
     * spawned first), then id. COMPLETED and CANCELLED are not indexed; asking for them is a programming error.
     */
    List<Task> inState(TaskState state);

    /**
     * The same tasks as {@link #inState}, in the same order, read only as far as the caller goes: a board stored
     * with an index can answer "the first ready task" without reading the rest.
     */
    default java.util.stream.Stream<Task> streamState(TaskState state) {
        return inState(state).stream();
    }
}

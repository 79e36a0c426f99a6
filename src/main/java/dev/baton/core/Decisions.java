package dev.baton.core;

import java.util.Optional;
import java.util.function.Function;

/** Small helpers the commands share to look a task up and turn checks into an outcome. */
final class Decisions {

    private Decisions() {
    }

    /** Looks up {@code id} and decides with {@code rule}, or rejects when the task is not on the board. */
    static Outcome onTask(BoardView board, String id, Function<Task, Outcome> rule) {
        Optional<Task> task = board.task(id);
        return task.isEmpty() ? Rejection.notFound(id) : rule.apply(task.get());
    }

    /** The rejection when there is one, else {@code accepted}'s transition. */
    static Outcome unless(Optional<Rejection> rejection, java.util.function.Supplier<Outcome> accepted) {
        return rejection.isPresent() ? rejection.get() : accepted.get();
    }
}

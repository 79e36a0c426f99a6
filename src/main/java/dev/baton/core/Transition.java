package dev.baton.core;

import java.time.Instant;
import java.util.List;

/**
 * An accepted command: the event to record, the task records it changes (new or replaced), and the new roles file
 * when it changes that. Applying the changes to the board the command was decided on gives the new board.
 *
 * @param event   what happened, as recorded in the commit
 * @param changes the new versions of every task the transition touches; the first is the task the command is about
 * @param roles   the new roles file, or null when the transition leaves it as it is
 */
public record Transition(Event event, List<Task> changes, Roles roles) implements Outcome {

    public Transition {
        changes = List.copyOf(changes);
        if (changes.isEmpty() && roles == null) {
            throw new IllegalArgumentException("a transition changes at least one task or the roles");
        }
    }

    public Transition(Event event, List<Task> changes) {
        this(event, changes, null);
    }

    /** The transition of one task from {@code before} (null when it is new) to {@code after}. */
    public static Transition of(Command command, String actor, Instant now, Task before, Task after) {
        Event event = new Event(command, actor, now, after.id(), after.title(),
                before == null ? null : before.state(), after.state(), after.epoch());
        return new Transition(event, List.of(after));
    }

    /** A transition of {@code after} (from {@code before}, null when new) that also changes {@code more}. */
    public static Transition of(Command command, String actor, Instant now, Task before, Task after, List<Task> more) {
        Transition one = of(command, actor, now, before, after);
        List<Task> all = new java.util.ArrayList<>(one.changes());
        all.addAll(more);
        return new Transition(one.event(), all);
    }

    /** The task the command is about, as it is after the transition. */
    public Task task() {
        return changes.isEmpty() ? null : changes.get(0);
    }
}

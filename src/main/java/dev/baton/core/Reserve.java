package dev.baton.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reserves paths for a WORKING task, by its owner: refused, naming the holder, when another WORKING task holds an
 * overlapping reservation that conflicts (either is exclusive).
 */
public record Reserve(String taskId, Long epoch, List<String> globs, boolean shared, Long ttlSeconds) implements Command {

    public Reserve {
        globs = globs == null ? List.of() : List.copyOf(globs);
    }

    @Override
    public String name() {
        return "reserve";
    }

    @Override
    public Outcome rule(BoardView board, String actor, Instant now) {
        return Decisions.onTask(board, taskId, t -> {
            Optional<Rejection> no = Rules.first(
                    () -> globs.isEmpty() ? Optional.of(Rejection.invalid("reserve what? give one or more paths or globs"))
                            : globs.stream().map(Globs::invalid).flatMap(Optional::stream).findFirst().map(Rejection::invalid),
                    () -> Rules.requireEpoch(t, epoch),
                    () -> Rules.requireState(t, "reserve paths", Set.of(TaskState.WORKING)),
                    () -> Rules.requireOwner(t, actor, "reserve paths for it"));
            if (no.isPresent()) {
                return no.get();
            }
            Instant until = ttlSeconds == null ? null : now.plusSeconds(ttlSeconds);
            List<Reservation> wanted = globs.stream().map(g -> new Reservation(g, shared, until)).toList();
            Optional<Rejection> clash = Reservations.clash(board, t.id(), wanted, now);
            if (clash.isPresent()) {
                return clash.get();
            }
            List<Reservation> kept = new ArrayList<>(t.reservations() == null ? List.of() : t.reservations());
            kept.removeIf(r -> globs.contains(r.glob()));
            kept.addAll(wanted);
            return Transition.of(this, actor, now, t, t.edit().reservations(kept).build());
        });
    }
}

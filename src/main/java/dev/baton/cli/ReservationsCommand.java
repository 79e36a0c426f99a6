package dev.baton.cli;

import dev.baton.core.Reservation;
import dev.baton.core.Task;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "reservations", description = "The path reservations in force: who holds what.")
final class ReservationsCommand extends BaseCommand {
    @Override
    protected int run() {
        List<Task> holders = session().board().reservations();
        for (Task t : holders) {
            for (Reservation r : t.reservations()) {
                out().result(String.format("%-24s %-10s %-14s %s%s", r.glob(), t.id(), t.assignee(),
                        r.shared() ? "shared" : "exclusive", r.until() == null ? "" : " until " + r.until()),
                        Json.MAPPER.createObjectNode().put("glob", r.glob()).put("task", t.id())
                                .put("agent", t.assignee()).put("shared", r.shared())
                                .put("until", r.until() == null ? null : r.until().toString()));
            }
        }
        if (holders.isEmpty()) {
            out().text("no reservations");
        }
        return 0;
    }
}

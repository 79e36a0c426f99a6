package dev.baton.cli;

import dev.baton.core.Reservation;
import dev.baton.core.Task;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reserve", description = {
    "Reserve paths for the task you are WORKING on (exclusive unless --shared). Refused, naming the holder,",
    "when another task holds an overlapping reservation. Released when the task leaves WORKING."})
final class ReserveCommand extends BaseCommand {

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "<glob>", description = "Paths or globs (src/api/**).")
    List<String> globs;

    @Option(names = "--task", paramLabel = "ID", description = "The task (default: this worktree's).")
    String task;

    @Option(names = "--shared", description = "Others may share it (none may hold it exclusively).")
    boolean shared;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "Lapse after this long (e.g. 2h).")
    String ttl;

    @Option(names = "--epoch", paramLabel = "N", description = "The epoch you hold (default: recorded with your worktree).")
    Long epoch;

    @Override
    protected int run() {
        Task t = session().transitions().reserve(session().board().resolve(task), epoch, globs, shared, duration(ttl, "--ttl"));
        out().result(t.id() + " reserves " + describe(t.reservations()), TaskJson.of(t));
        return 0;
    }

    static String describe(List<Reservation> rs) {
        if (rs == null || rs.isEmpty()) {
            return "nothing";
        }
        return String.join(", ", rs.stream().map(r -> r.glob() + (r.shared() ? " (shared)" : "")
                + (r.until() == null ? "" : " until " + r.until())).toList());
    }
}

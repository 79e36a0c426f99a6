package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.core.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "claim", description = "Claim a QUEUED task (QUEUED → ASSIGNED to you, at a new epoch, with a lease).")
final class ClaimCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "The task (any unique prefix).")
    String id;

    @Option(names = "--next", description = "Claim the first ready task: priority, then age.")
    boolean next;

    @Option(names = "--label", paramLabel = "L", description = "With --next: only tasks with this label.")
    String label;

    @Option(names = "--lease", paramLabel = "DURATION", description = "Lease length (default baton.lease, else 15m).")
    String lease;

    @Override
    protected int run() {
        if (next == (id != null)) {
            throw BatonException.usage("give a task id or --next (one of the two)");
        }
        if (label != null && !next) {
            throw BatonException.usage("--label goes with --next");
        }
        Task t = next
                ? session().transitions().claimNext(label, duration(lease, "--lease"))
                : session().transitions().claim(session().board().resolve(id), duration(lease, "--lease"));
        out().lazyResult(t.id() + " claimed by " + t.assignee() + " (epoch " + t.epoch() + ")", () -> TaskJson.of(t));
        return 0;
    }
}

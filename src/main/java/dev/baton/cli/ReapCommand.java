package dev.baton.cli;

import dev.baton.core.Task;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "reap", description = {
    "Take back tasks whose lease has run out (judged by this machine's clock): back to QUEUED at a new epoch",
    "with attempt + 1, keeping their branch and worktree; or to FAILED once baton.maxAttempts is spent."})
final class ReapCommand extends BaseCommand {
    @Override
    protected int run() {
        List<Task> reaped = session().leases().reapExpired();
        for (Task t : reaped) {
            out().result(t.id() + " → " + t.state() + " (attempt " + t.attempt() + ", epoch " + t.epoch() + "): "
                    + t.history().get(t.history().size() - 1).outcome(), TaskJson.of(t));
        }
        if (reaped.isEmpty()) {
            out().text("no expired leases");
        }
        return 0;
    }
}

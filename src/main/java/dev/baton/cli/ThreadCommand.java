package dev.baton.cli;

import dev.baton.core.Threads;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "thread", description = {
    "A task's thread: every message sent to it and every handoff it recorded, replies under what they answer.",
    "NDJSON with --json (each object has a depth)."})
final class ThreadCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "The task (default: this worktree's).")
    String id;

    @Override
    protected int run() {
        String task = session().board().resolve(id);
        List<Threads.Entry> entries = session().messages().thread(task);
        for (Threads.Entry e : entries) {
            out().result(MessageView.text(e.message(), e.depth()), MessageView.json(e.message()).put("depth", e.depth()));
        }
        if (entries.isEmpty()) {
            out().text("no messages on " + task + "'s thread");
        }
        return 0;
    }
}

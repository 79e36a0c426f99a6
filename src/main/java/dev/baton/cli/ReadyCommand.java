package dev.baton.cli;

import dev.baton.core.Task;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ready", description = {
    "What can be worked on next: QUEUED tasks whose blockers are all COMPLETED, not blocked, not epics,",
    "by priority (0 first) then age. `claim --next` takes the first of this list."})
final class ReadyCommand extends BaseCommand {

    @Option(names = "--label", paramLabel = "L", description = "Only tasks with this label.")
    String label;

    @Override
    protected int run() {
        List<Task> ready = session().board().ready(label);
        ready.forEach(t -> out().result(TaskText.line(t), TaskJson.of(t)));
        if (ready.isEmpty()) {
            out().text("nothing ready");
        }
        return 0;
    }
}

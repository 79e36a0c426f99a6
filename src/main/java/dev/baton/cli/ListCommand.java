package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.app.TaskFilter;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List tasks in queue order (priority, then age). NDJSON with --json.")
final class ListCommand extends BaseCommand {

    @Option(names = "--state", paramLabel = "S", description = "Only tasks in this state.")
    String state;

    @Option(names = "--assignee", paramLabel = "A", description = "Only tasks assigned to this agent.")
    String assignee;

    @Option(names = "--label", paramLabel = "L", description = "Only tasks with this label.")
    String label;

    @Override
    protected int run() {
        TaskState s;
        try {
            s = state == null ? null : TaskState.parse(state);
        } catch (IllegalArgumentException e) {
            throw BatonException.usage(e.getMessage());
        }
        List<Task> tasks = coordinator().list(new TaskFilter(s, assignee, label));
        for (Task t : tasks) {
            out().result(TaskText.line(t), TaskJson.of(t));
        }
        if (tasks.isEmpty()) {
            out().text("no tasks");
        }
        return 0;
    }
}

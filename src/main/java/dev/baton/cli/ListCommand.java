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

    @Option(names = "--blocked", description = "Only open tasks that cannot go on, with the chain that blocks them.")
    boolean blocked;

    @Override
    protected int run() {
        TaskState s;
        try {
            s = state == null ? null : TaskState.parse(state);
        } catch (IllegalArgumentException e) {
            throw BatonException.usage(e.getMessage());
        }
        if (blocked) {
            var list = session().board().blocked().stream().filter(b -> new TaskFilter(s, assignee, label).test(b.task())).toList();
            for (var b : list) {
                var node = TaskJson.of(b.task()).put("why", b.why());
                b.chain().forEach(node.putArray("chain")::add);
                out().result(TaskText.line(b.task()) + "\n    blocked: " + (b.chain().isEmpty() ? b.why()
                        : String.join(" → ", b.chain()) + " (" + b.why() + ")"), node);
            }
            if (list.isEmpty()) {
                out().text("nothing blocked");
            }
            return 0;
        }
        List<Task> tasks = session().board().list(new TaskFilter(s, assignee, label));
        for (Task t : tasks) {
            out().lazyResult(TaskText.line(t) + history(t), () -> TaskJson.of(t));
        }
        if (tasks.isEmpty()) {
            out().text("no tasks");
        }
        return 0;
    }

    /** For a dead letter, how each attempt ended. */
    private static String history(Task t) {
        if (t.state() != TaskState.FAILED || t.history() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        t.history().forEach(h -> sb.append("\n    attempt ").append(h.attempt()).append(" (").append(h.agent())
                .append(", epoch ").append(h.epoch()).append("): ").append(h.outcome()));
        return sb.toString();
    }
}

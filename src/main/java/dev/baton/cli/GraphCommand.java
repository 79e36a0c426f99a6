package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.app.TaskFilter;
import dev.baton.core.Task;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "graph", description = "Print the dependency graph of the whole board as Graphviz DOT or Mermaid.")
final class GraphCommand extends BaseCommand {

    @Option(names = "--format", paramLabel = "dot|mermaid", defaultValue = "dot", description = "dot (default) or mermaid.")
    String format;

    @Option(names = "--open", description = "Only open tasks (leave out COMPLETED and CANCELLED).")
    boolean openOnly;

    @Override
    protected int run() {
        if (out().json()) {
            throw BatonException.usage("graph prints DOT or Mermaid; --json does not apply (use `list --json`)");
        }
        List<Task> tasks = openOnly ? session().board().open() : session().board().list(TaskFilter.ALL);
        String text = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "dot" -> dot(tasks);
            case "mermaid" -> mermaid(tasks);
            default -> throw BatonException.usage("--format: '" + format + "' is not dot or mermaid");
        };
        out().text(text.stripTrailing());
        return 0;
    }

    private static String label(Task t) {
        return (t.id() + "\\n" + t.title() + "\\n" + t.state()).replace("\"", "'");
    }

    static String dot(List<Task> tasks) {
        StringBuilder sb = new StringBuilder("digraph baton {\n  rankdir=LR;\n  node [shape=box];\n");
        java.util.Set<String> ids = new java.util.HashSet<>();
        tasks.forEach(t -> ids.add(t.id()));
        for (Task t : tasks) {
            sb.append("  \"").append(t.id()).append("\" [label=\"").append(label(t)).append("\"")
                    .append(t.isEpic() ? ", shape=folder" : "").append("];\n");
        }
        for (Task t : tasks) {
            t.blockers().stream().filter(ids::contains).forEach(b ->
                    sb.append("  \"").append(b).append("\" -> \"").append(t.id()).append("\";\n"));
            if (t.parent() != null && ids.contains(t.parent())) {
                sb.append("  \"").append(t.id()).append("\" -> \"").append(t.parent()).append("\" [style=dashed];\n");
            }
        }
        return sb.append("}\n").toString();
    }

    static String mermaid(List<Task> tasks) {
        StringBuilder sb = new StringBuilder("graph LR\n");
        java.util.Set<String> ids = new java.util.HashSet<>();
        tasks.forEach(t -> ids.add(t.id()));
        for (Task t : tasks) {
            sb.append("  ").append(node(t.id())).append("[\"").append(t.id()).append(" ")
                    .append(t.title().replace("\"", "'")).append(" (").append(t.state()).append(")\"]\n");
        }
        for (Task t : tasks) {
            t.blockers().stream().filter(ids::contains).forEach(b ->
                    sb.append("  ").append(node(b)).append(" --> ").append(node(t.id())).append('\n'));
            if (t.parent() != null && ids.contains(t.parent())) {
                sb.append("  ").append(node(t.id())).append(" -.-> ").append(node(t.parent())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String node(String id) {
        return id.replace("-", "_");
    }
}

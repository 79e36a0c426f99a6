package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "deps", description = "Print the tree of what a task waits for (its blockers, theirs, and so on).")
final class DepsCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "The task (default: this worktree's).")
    String id;

    @Override
    protected int run() {
        String root = session().board().resolve(id);
        Map<String, Task> tasks = session().board().closure(List.of(root));
        if (out().json()) {
            out().object(json(root, tasks, new HashSet<>()));
            return 0;
        }
        StringBuilder sb = new StringBuilder();
        print(root, tasks, "", "", new HashSet<>(), sb);
        out().text(sb.toString().stripTrailing());
        return 0;
    }

    private static void print(String id, Map<String, Task> tasks, String lead, String childLead, Set<String> path,
                              StringBuilder sb) {
        Task t = tasks.get(id);
        sb.append(lead).append(t == null ? id + " (missing)" : t.id() + " " + t.state() + "  " + t.title());
        if (!path.add(id)) {
            sb.append("  (cycle)\n");
            return;
        }
        sb.append('\n');
        List<String> blockers = t == null ? List.of() : t.blockers();
        for (int i = 0; i < blockers.size(); i++) {
            boolean last = i == blockers.size() - 1;
            print(blockers.get(i), tasks, childLead + (last ? "└── " : "├── "), childLead + (last ? "    " : "│   "),
                    path, sb);
        }
        path.remove(id);
    }

    private static ObjectNode json(String id, Map<String, Task> tasks, Set<String> path) {
        Task t = tasks.get(id);
        ObjectNode n = Json.MAPPER.createObjectNode().put("id", id);
        if (t != null) {
            n.put("title", t.title()).put("state", t.state().name());
        }
        ArrayNode after = n.putArray("after");
        if (t != null && path.add(id)) {
            t.blockers().forEach(b -> after.add(json(b, tasks, path)));
            path.remove(id);
        }
        return n;
    }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.store.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "board", description = "The open tasks in columns by state (COMPLETED and CANCELLED are left out).")
final class BoardCommand extends BaseCommand {

    private static final List<TaskState> COLUMNS = List.of(TaskState.QUEUED, TaskState.ASSIGNED, TaskState.WORKING,
            TaskState.IN_REVIEW, TaskState.APPROVED, TaskState.FAILED);

    @Option(names = "--width", paramLabel = "N", description = "Total width (default: $COLUMNS, else 132).")
    Integer width;

    @Override
    protected int run() {
        Map<TaskState, List<Task>> byState = new EnumMap<>(TaskState.class);
        for (TaskState s : COLUMNS) {
            byState.put(s, new ArrayList<>());
        }
        for (Task t : coordinator().open()) {
            byState.get(t.state()).add(t);
        }
        if (out().json()) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            byState.forEach((s, tasks) -> {
                ArrayNode arr = node.putArray(s.name());
                tasks.forEach(t -> arr.add(TaskJson.of(t)));
            });
            out().object(node);
            return 0;
        }
        out().text(render(byState, totalWidth(), CLOCK.instant()));
        return 0;
    }

    static String render(Map<TaskState, List<Task>> byState, int total, Instant now) {
        List<TaskState> shown = COLUMNS.stream().filter(s -> s != TaskState.FAILED || !byState.get(s).isEmpty()).toList();
        int col = Math.max(16, (total - (shown.size() - 1) * 3) / shown.size());
        StringBuilder sb = new StringBuilder();
        List<List<String>> cells = new ArrayList<>();
        int rows = 0;
        for (TaskState s : shown) {
            List<String> c = new ArrayList<>();
            c.add(s + " (" + byState.get(s).size() + ")");
            c.add("-".repeat(col));
            for (Task t : byState.get(s)) {
                c.add(t.id() + " p" + t.priority() + (t.assignee() == null ? "" : " " + t.assignee()));
                c.add("  " + t.title());
                String lease = t.leaseUntil() == null ? ""
                        : now.isBefore(t.leaseUntil()) ? "lease " + TaskText.age(now, t.leaseUntil())
                        : "LEASE EXPIRED";
                c.add("  " + TaskText.age(t.updatedAt(), now) + " in state" + (lease.isEmpty() ? "" : ", " + lease));
            }
            rows = Math.max(rows, c.size());
            cells.add(c);
        }
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                String cell = r < cells.get(i).size() ? cells.get(i).get(r) : "";
                line.append(String.format("%-" + col + "s", TaskText.truncate(cell, col)));
                if (i < cells.size() - 1) {
                    line.append(" | ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private int totalWidth() {
        if (width != null) {
            return width;
        }
        try {
            String env = System.getenv("COLUMNS");
            return env == null ? 132 : Integer.parseInt(env.trim());
        } catch (NumberFormatException e) {
            return 132;
        }
    }
}

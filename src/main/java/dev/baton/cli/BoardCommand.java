package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.app.BoardRows;
import dev.baton.app.Follow;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "board", description = {
    "The open tasks in columns by state (COMPLETED and CANCELLED are left out): owner, age in state, lease time left,",
    "last heartbeat note, and markers for stale leases and blocked tasks. --watch redraws it as the board changes."})
final class BoardCommand extends BaseCommand {

    private static final List<TaskState> COLUMNS = List.of(TaskState.QUEUED, TaskState.ASSIGNED, TaskState.WORKING,
            TaskState.IN_REVIEW, TaskState.APPROVED, TaskState.FAILED);

    /** Home the cursor and clear the screen. */
    private static final String CLEAR = "\033[H\033[2J";

    @Option(names = "--width", paramLabel = "N", description = "Total width (default: $COLUMNS, else 132).")
    Integer width;

    @Option(names = "--watch", description = "Keep redrawing (in place on a terminal) whenever the board or a lease "
            + "changes; stop with Ctrl-C.")
    boolean watch;

    @Override
    protected int run() {
        if (!watch) {
            if (out().json()) {
                out().object(json());
            } else {
                out().text(draw());
            }
            return 0;
        }
        boolean terminal = System.console() != null && !out().json();
        String[] last = {null};
        long[] drawnAt = {0};
        String[] seen = {null};
        Follow.loop(ignored -> {
            String signature = BoardRows.signature(session());
            boolean due = System.nanoTime() - drawnAt[0] > 1_000_000_000L; // ages move on even when nothing else does
            if (signature.equals(seen[0]) && !due) {
                return 0;
            }
            seen[0] = signature;
            drawnAt[0] = System.nanoTime();
            ObjectNode node = out().json() ? json() : null;
            String text = node != null ? Json.line(node) : draw();
            if (text.equals(last[0])) {
                return 0;
            }
            last[0] = text;
            if (node != null) {
                out().object(node);
            } else {
                out().text((terminal ? CLEAR : "") + MessageView.time(CLOCK.instant()) + "\n" + text
                        + (terminal ? "" : "\n"));
            }
            out().flush();
            return 1;
        }, 0, null);
        return 0;
    }

    private Map<TaskState, List<BoardRows.Row>> columns() {
        Map<TaskState, List<BoardRows.Row>> byState = new EnumMap<>(TaskState.class);
        for (TaskState s : COLUMNS) {
            byState.put(s, new ArrayList<>());
        }
        for (BoardRows.Row r : BoardRows.of(session())) {
            List<BoardRows.Row> column = byState.get(r.task().state());
            if (column != null) {
                column.add(r);
            }
        }
        return byState;
    }

    private String draw() {
        return render(columns(), totalWidth(), CLOCK.instant());
    }

    private ObjectNode json() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        columns().forEach((s, rows) -> {
            ArrayNode arr = node.putArray(s.name());
            rows.forEach(r -> arr.add(json(r)));
        });
        return node;
    }

    /** The task as every command prints it, with what the board adds (fields present only when they apply). */
    private static ObjectNode json(BoardRows.Row r) {
        ObjectNode n = TaskJson.of(r.task());
        if (r.leaseExpires() != null) {
            n.put("leaseExpires", r.leaseExpires().toString()).put("stale", r.stale());
        }
        if (r.note() != null) {
            n.put("heartbeatNote", r.note());
        }
        if (r.heartbeatAt() != null) {
            n.put("heartbeatAt", r.heartbeatAt().toString());
        }
        if (r.blocked() != null) {
            n.put("blockedWhy", r.blocked());
        }
        if (r.waiting() != null) {
            n.put("waiting", r.waiting());
        }
        return n;
    }

    static String render(Map<TaskState, List<BoardRows.Row>> byState, int total, Instant now) {
        List<TaskState> shown = COLUMNS.stream().filter(s -> s != TaskState.FAILED || !byState.get(s).isEmpty()).toList();
        int col = Math.max(16, (total - (shown.size() - 1) * 3) / shown.size());
        StringBuilder sb = new StringBuilder();
        List<List<String>> cells = new ArrayList<>();
        int rows = 0;
        for (TaskState s : shown) {
            List<String> c = new ArrayList<>();
            c.add(s + " (" + byState.get(s).size() + ")");
            c.add("-".repeat(col));
            for (BoardRows.Row r : byState.get(s)) {
                cell(c, r, now);
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

    /** The lines of one task: id, priority, owner and markers; title; age and lease; heartbeat note; hold-ups. */
    private static void cell(List<String> c, BoardRows.Row r, Instant now) {
        Task t = r.task();
        c.add(t.id() + " p" + t.priority() + (t.assignee() == null ? "" : " " + t.assignee())
                + (r.stale() ? " [STALE]" : "") + (r.blocked() != null ? " [BLOCKED]" : ""));
        c.add("  " + t.title());
        String lease = r.leaseExpires() == null ? ""
                : now.isBefore(r.leaseExpires()) ? "lease " + TaskText.age(now, r.leaseExpires()) + " left"
                : "LEASE EXPIRED " + TaskText.age(r.leaseExpires(), now) + " ago";
        c.add("  " + TaskText.age(t.updatedAt(), now) + " in state" + (lease.isEmpty() ? "" : ", " + lease));
        if (r.note() != null) {
            c.add("  note: " + r.note() + (r.heartbeatAt() == null ? "" : " (" + TaskText.age(r.heartbeatAt(), now)
                    + " ago)"));
        }
        if (r.blocked() != null) {
            c.add("  blocked: " + r.blocked());
        } else if (r.waiting() != null) {
            c.add("  " + r.waiting());
        }
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

package dev.baton.demo;

import dev.baton.app.Session;
import dev.baton.store.LoggedEvent;
import dev.baton.app.TaskFilter;
import dev.baton.core.AttemptRecord;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to each task, read back from the board at the end: the attempts that did not make it (who held the
 * task and how the attempt ended, as the task's history records it), the rejections, and the merge.
 */
record Recap(List<Task> tasks, Map<String, Integer> rejections) {

    static Recap read(Session board) {
        Map<String, Integer> rejections = new HashMap<>();
        for (LoggedEvent e : board.board().log(null, 0)) {
            if (e.event() != null && e.event().command().name().equals("reject")) {
                rejections.merge(e.event().taskId(), 1, Integer::sum);
            }
        }
        return new Recap(board.board().list(TaskFilter.ALL), rejections);
    }

    /** Attempts that failed (the command's exit), not counting timeouts. */
    long failures() {
        return ended(o -> o.startsWith("failed: ") && !o.startsWith("failed: timed out"));
    }

    long timeouts() {
        return ended(o -> o.startsWith("failed: timed out"));
    }

    long reaps() {
        return ended(o -> o.startsWith(AttemptRecord.REAPED));
    }

    long rejected() {
        return rejections.values().stream().mapToInt(Integer::intValue).sum();
    }

    List<Task> unfinished() {
        return tasks.stream().filter(t -> t.state() != TaskState.COMPLETED).toList();
    }

    /** One line per task: "T-x Title: attempt 1 (agent-b) failed: ...; attempt 2 (agent-a), merged as 0fdfc73". */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Task t : tasks) {
            StringBuilder sb = new StringBuilder(t.id()).append(' ').append(t.title()).append(": ");
            for (AttemptRecord a : history(t)) {
                sb.append("attempt ").append(a.attempt()).append(" (").append(a.agent()).append(") ")
                        .append(a.reaped() ? "was reaped: " + a.outcome() : a.outcome())
                        .append("; ");
            }
            sb.append("attempt ").append(t.attempt()).append(" (").append(t.assignee()).append(")");
            int rejected = rejections.getOrDefault(t.id(), 0);
            if (rejected > 0) {
                sb.append(", rejected ").append(rejected == 1 ? "once" : rejected + " times").append(" and reworked");
            }
            sb.append(t.state() == TaskState.COMPLETED && t.mergedCommit() != null
                    ? ", merged as " + t.mergedCommit().substring(0, 7) : ", ended " + t.state());
            lines.add(sb.toString());
        }
        return lines;
    }

    private long ended(java.util.function.Predicate<String> outcome) {
        return tasks.stream().flatMap(t -> history(t).stream()).map(AttemptRecord::outcome).filter(outcome).count();
    }

    private static List<AttemptRecord> history(Task t) {
        return t.history() == null ? List.of() : t.history();
    }
}

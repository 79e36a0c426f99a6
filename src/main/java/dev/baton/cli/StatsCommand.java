package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.app.Durations;
import dev.baton.app.Stats;
import dev.baton.core.BoardStats;
import dev.baton.core.Task;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stats", description = {
    "How work flows, from the board's history: tasks completed, median time in each state, rejections per task,",
    "reclaimed leases, and each agent's current work."})
final class StatsCommand extends BaseCommand {

    @Option(names = "--since", paramLabel = "DURATION", description = "Only the last DURATION (e.g. 7d, 12h); "
            + "default: the whole history.")
    String since;

    @Override
    protected int run() {
        Duration window = duration(since, "--since");
        BoardStats s = Stats.of(session(), window);
        if (out().json()) {
            out().object(json(s));
            return 0;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(since == null ? "All history" : "Last " + Durations.format(window)).append(" (to ")
                .append(MessageView.time(s.now())).append(")\n");
        sb.append(String.format("  completed:   %d%n", s.completed()));
        sb.append(String.format("  reviewed:    %d, rejections %d (%.2f per reviewed task)%n", s.reviewed(),
                s.totalRejections(), s.rejectionsPerReviewedTask()));
        sb.append(String.format("  reclaims:    %d (%d to FAILED)%n", s.reclaims(), s.deadLettered()));
        sb.append("\nMedian time in state:\n");
        if (s.medianInState().isEmpty()) {
            sb.append("  (no task has left a state yet)\n");
        }
        s.medianInState().forEach((state, d) -> sb.append(String.format("  %-10s %8s  (%d)%n", state,
                Durations.format(d), s.intervals().get(state))));
        if (!s.rejections().isEmpty()) {
            sb.append("\nRejections:\n");
            s.rejections().forEach((task, n) -> sb.append(String.format("  %-10s %d%n", task, n)));
        }
        sb.append("\nAgents:\n");
        if (s.agents().isEmpty()) {
            sb.append("  (none)\n");
        }
        for (Map.Entry<String, BoardStats.AgentWork> a : s.agents().entrySet()) {
            sb.append(String.format("  %-16s %d transitions%n", a.getKey(), a.getValue().transitions()));
            for (Task t : a.getValue().holding()) {
                sb.append("    ").append(t.id()).append("  ").append(t.state()).append("  ").append(t.title()).append('\n');
            }
        }
        out().text(sb.toString().stripTrailing());
        return 0;
    }

    private static ObjectNode json(BoardStats s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("since", s.since() == null ? null : s.since().toString()).put("now", s.now().toString())
                .put("completed", s.completed()).put("reviewed", s.reviewed())
                .put("rejections", s.totalRejections()).put("rejections_per_task", s.rejectionsPerReviewedTask())
                .put("reclaims", s.reclaims()).put("dead_lettered", s.deadLettered());
        ObjectNode medians = n.putObject("median_seconds");
        s.medianInState().forEach((state, d) -> medians.put(state.name(), d.toMillis() / 1000.0));
        ObjectNode intervals = n.putObject("intervals");
        s.intervals().forEach((state, c) -> intervals.put(state.name(), c));
        ObjectNode perTask = n.putObject("rejections_by_task");
        s.rejections().forEach(perTask::put);
        ObjectNode agents = n.putObject("agents");
        s.agents().forEach((name, w) -> {
            ObjectNode a = agents.putObject(name).put("transitions", w.transitions());
            var holding = a.putArray("holding");
            w.holding().forEach(t -> holding.addObject().put("id", t.id()).put("state", t.state().name())
                    .put("title", t.title()));
        });
        return n;
    }
}

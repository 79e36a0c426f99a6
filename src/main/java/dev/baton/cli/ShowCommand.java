package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.util.List;
import dev.baton.worktree.TaskFile;
import dev.baton.worktree.Workspace;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show one task: its record, spec, handoff and worktree.")
final class ShowCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "The task (default: this worktree's).")
    String id;

    @Override
    protected int run() {
        String resolved = session().board().resolve(id);
        Task t = session().board().task(resolved);
        Workspace ws = session().board().workspace(resolved).orElse(null);
        List<Task> children = session().board().tasks(t.subtasks());
        List<Task> blockers = session().board().tasks(t.blockers());
        long completed = children.stream().filter(c -> c.state() == TaskState.COMPLETED).count();
        String waiting = t.state() == TaskState.QUEUED || t.state() == TaskState.ASSIGNED
                ? session().board().waitingFor(t).orElse(null) : null;
        if (out().json()) {
            out().object(JsonForm.of(t, ws, children, completed, waiting));
            return 0;
        }
        Instant now = CLOCK.instant();
        StringBuilder sb = new StringBuilder();
        sb.append(t.id()).append("  ").append(t.title()).append('\n');
        field(sb, "state", t.state() + " for " + TaskText.age(t.updatedAt(), now));
        field(sb, "assignee", t.assignee() == null ? "-" : t.assignee() + " (epoch " + t.epoch() + ")");
        if (t.leaseUntil() != null) {
            field(sb, "lease", now.isBefore(t.leaseUntil())
                    ? TaskText.age(now, t.leaseUntil()) + " left" : "expired " + TaskText.age(t.leaseUntil(), now) + " ago");
        }
        field(sb, "priority", Integer.toString(t.priority()));
        if (!t.labels().isEmpty()) {
            field(sb, "labels", String.join(", ", t.labels()));
        }
        field(sb, "attempt", Integer.toString(t.attempt()));
        field(sb, "spec", "version " + t.specVersion() + (t.startedSpecVersion() == null ? ""
                : " (work started on version " + t.startedSpecVersion() + ")"));
        if (t.parent() != null) {
            field(sb, "epic", t.parent());
        }
        for (Task b : blockers) {
            field(sb, "after", b.id() + " " + b.state() + "  " + b.title());
        }
        if (waiting != null) {
            field(sb, "waiting", waiting);
        }
        field(sb, "created", t.createdAt() + " by " + t.createdBy());
        if (t.base() != null) {
            field(sb, "base", t.base());
        }
        if (ws != null) {
            field(sb, "worktree", ws.path() + " (" + ws.branch() + ")");
        }
        if (t.mergedCommit() != null) {
            field(sb, "merged", t.mergedCommit());
        }
        if (t.reason() != null) {
            field(sb, "reason", t.reason());
        }
        if (t.isEpic()) {
            sb.append("\nChildren: ").append(completed).append('/').append(children.size()).append(" COMPLETED\n");
            children.forEach(c -> sb.append("  ").append(TaskText.line(c)).append('\n'));
        }
        if (t.spec() != null) {
            sb.append("\nSpec:\n").append(t.spec().strip()).append('\n');
        }
        if (t.handoff() != null) {
            sb.append("\nHandoff:\n").append(TaskFile.handoff(t.handoff()));
        }
        out().text(sb.toString().stripTrailing());
        return 0;
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(String.format("  %-9s %s%n", name + ":", value));
    }

    /** The JSON form, in a class of its own: the text form loads none of Jackson's tree classes. */
    private static final class JsonForm {

        static ObjectNode of(Task t, Workspace ws, List<Task> children, long completed, String waiting) {
            ObjectNode node = TaskJson.of(t, ws);
            if (t.isEpic()) {
                ArrayNode arr = node.putArray("childTasks");
                children.forEach(c -> arr.add(JsonTree.object().put("id", c.id()).put("title", c.title())
                        .put("state", c.state().name())));
                node.putObject("progress").put("completed", completed).put("total", children.size());
            }
            if (waiting != null) {
                node.put("waiting", waiting);
            }
            return node;
        }
    }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.Task;
import dev.baton.worktree.TaskFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "handoff", description = "Print the handoff a task's last owner left (what the next owner starts from).")
final class HandoffCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "The task (default: this worktree's).")
    String id;

    @Override
    protected int run() {
        Task t = session().board().task(session().board().resolve(id));
        boolean none = t.handoff() == null || t.handoff().isEmpty();
        ObjectNode node = Json.MAPPER.createObjectNode().put("task", t.id()).put("state", t.state().name());
        if (none) {
            node.putNull("handoff");
        } else {
            node.set("handoff", Json.MAPPER.valueToTree(t.handoff()));
        }
        out().result(none ? t.id() + " has no handoff" : TaskFile.handoff(t.handoff()).stripTrailing(), node);
        return 0;
    }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.app.Checkpointer;
import dev.baton.store.BoardStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "checkpoint", description = {
    "Move the board's history to the archive repository (<git dir>/baton/archive.git) and start the board again",
    "from a root commit holding the current board, so that every later call opens a small repository.",
    "The archive keeps the old tip under refs/baton/archive/<id>; `baton fsck --archive` replays it.",
    "Local boards only; with roles set, admins only."})
final class CheckpointCommand extends BaseCommand {

    @Override
    protected int run() {
        PrintWriter err = spec.commandLine().getErr();
        Checkpointer.Checkpoint result = session().maintenance().checkpoint(line -> {
            err.println("baton: " + line);
            err.flush();
        });
        BoardStore.Checkpointed c = result.checkpointed();
        ObjectNode node = Json.MAPPER.createObjectNode().put("changed", c.changed()).put("oldTip", c.oldTip().name());
        if (!c.changed()) {
            out().result("nothing to checkpoint: the board's tip " + c.oldTip().abbreviate(10).name()
                    + " is its root", node);
            return 0;
        }
        node.put("root", c.root().name()).put("transitions", c.archived().transitions())
                .put("archive", result.archive().getPath()).put("archiveRef", c.archived().ref());
        out().result("checkpoint " + c.root().abbreviate(10).name() + ": " + c.archived().transitions()
                + " transitions archived in " + result.archive().getPath() + " as " + c.archived().ref()
                + "\nthe board continues from " + c.root().abbreviate(10).name() + " (same tree as "
                + c.oldTip().abbreviate(10).name() + ")", node);
        return 0;
    }
}

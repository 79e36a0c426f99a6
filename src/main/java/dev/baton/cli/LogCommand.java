package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.store.LoggedEvent;
import dev.baton.app.Traces;
import dev.baton.app.Watcher;
import dev.baton.core.Event;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "log", description = {"The board's transitions, newest first, read from its commits.",
    "With --trace <id>: every transition and message recorded with that correlation id, across tasks and channels,",
    "oldest first."})
final class LogCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "Only this task's transitions.")
    String id;

    @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "0", description = "At most N entries.")
    int limit;

    @Override
    protected int run() {
        if (options().trace != null) {
            return traced(options().trace);
        }
        String task = id == null ? null : session().board().resolve(id);
        for (LoggedEvent e : session().board().log(task, limit)) {
            out().result(line(e), json(e));
        }
        return 0;
    }

    /** With --trace: every transition and message recorded under that correlation id, oldest first. */
    private int traced(String trace) {
        List<Watcher.Item> items = Traces.find(session(), trace);
        int shown = 0;
        for (Watcher.Item item : items) {
            if (limit > 0 && shown++ >= limit) {
                break;
            }
            out().result(WatchCommand.text(item), WatchCommand.json(item));
        }
        if (items.isEmpty()) {
            out().text("nothing recorded with trace " + trace);
        }
        return 0;
    }

    /** One transition as a line: commit, time, subject, states. */
    static String line(LoggedEvent e) {
        Event ev = e.event();
        if (e.checkpoint() != null) {
            return e.commit().substring(0, 10) + "  " + when(e.checkpoint().time()) + e.subject()
                    + "  [earlier history: " + e.checkpoint().archiveRef() + " in the archive]";
        }
        String when = ev == null ? "" : when(ev.time());
        String states = ev == null || ev.to() == null ? "" : "  [" + (ev.from() == null ? "new" : ev.from()) + " → "
                + ev.to() + ", epoch " + ev.epoch() + "]";
        return e.commit().substring(0, 10) + "  " + when + e.subject() + states;
    }

    private static String when(java.time.Instant t) {
        return t.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z") + "  ";
    }

    static ObjectNode json(LoggedEvent e) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("commit", e.commit()).put("subject", e.subject());
        Event ev = e.event();
        if (e.checkpoint() != null) {
            return n.put("command", "checkpoint").put("actor", e.checkpoint().actor())
                    .put("time", e.checkpoint().time().toString())
                    .put("archivedTip", e.checkpoint().archivedTip().name())
                    .put("archiveRef", e.checkpoint().archiveRef())
                    .put("transitions", e.checkpoint().transitions());
        }
        if (ev == null) {
            return n.put("command", "init");
        }
        n.put("command", ev.command().name()).put("task", ev.taskId()).put("actor", ev.actor())
                .put("time", ev.time().toString()).put("from", ev.from() == null ? null : ev.from().name())
                .put("to", ev.to() == null ? null : ev.to().name()).put("epoch", ev.epoch());
        n.set("args", Json.MAPPER.valueToTree(ev.command()));
        return n;
    }
}

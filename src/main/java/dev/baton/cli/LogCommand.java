package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.app.LoggedEvent;
import dev.baton.core.Event;
import dev.baton.store.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "log", description = "The board's transitions, newest first, read from its commits.")
final class LogCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "Only this task's transitions.")
    String id;

    @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "0", description = "At most N entries.")
    int limit;

    @Override
    protected int run() {
        String task = id == null ? null : coordinator().resolve(id);
        for (LoggedEvent e : coordinator().log(task, limit)) {
            Event ev = e.event();
            String when = ev == null ? "" : ev.time().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z") + "  ";
            String states = ev == null ? "" : "  [" + (ev.from() == null ? "new" : ev.from()) + " → " + ev.to()
                    + ", epoch " + ev.epoch() + "]";
            out().result(e.commit().substring(0, 10) + "  " + when + e.subject() + states, json(e));
        }
        return 0;
    }

    private static ObjectNode json(LoggedEvent e) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("commit", e.commit()).put("subject", e.subject());
        Event ev = e.event();
        if (ev == null) {
            return n.put("command", "init");
        }
        n.put("command", ev.command().name()).put("task", ev.taskId()).put("actor", ev.actor())
                .put("time", ev.time().toString()).put("from", ev.from() == null ? null : ev.from().name())
                .put("to", ev.to().name()).put("epoch", ev.epoch());
        n.set("args", Json.MAPPER.valueToTree(ev.command()));
        return n;
    }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.app.Messages;
import dev.baton.app.Watcher;
import dev.baton.core.Address;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "watch", description = {
    "Follow the board (and, if asked, channels) and print each transition or message as it lands, like tail -f.",
    "With --json, one object a line (NDJSON) with a \"type\" of transition or message, for orchestrators.",
    "Changes show within half a second; an idle watch reads a few refs a few times a second."})
final class WatchCommand extends BaseCommand {

    @Option(names = "--channels", description = "Also follow every channel, including ones created later.")
    boolean allChannels;

    @Option(names = "--channel", paramLabel = "<channel>", description = "Also follow this channel (@agent, #name or a "
            + "task id); repeatable.")
    List<String> channels = new ArrayList<>();

    @Option(names = "--from", paramLabel = "<commit>", description = "Start after this board commit instead of now "
            + "(to resume where an earlier watch stopped).")
    String from;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N events.")
    int count;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop after this long.")
    String timeout;

    @Override
    protected int run() {
        Messages messages = session().messages();
        List<Address> named = new ArrayList<>();
        for (String c : channels) {
            named.add(messages.address(c));
        }
        Watcher watcher = new Watcher(session(), from, allChannels, named);
        watcher.run(item -> {
            out().result(text(item), json(item));
            out().flush();
        }, count, duration(timeout, "--timeout"));
        return 0;
    }

    static String text(Watcher.Item item) {
        if (item instanceof Watcher.Posted p) {
            return MessageView.text(p.message(), 0);
        }
        Watcher.Transition t = (Watcher.Transition) item;
        return LogCommand.line(t.logged()) + (t.trace() == null ? "" : "  trace " + t.trace());
    }

    static ObjectNode json(Watcher.Item item) {
        if (item instanceof Watcher.Posted p) {
            ObjectNode n = node().put("type", "message");
            n.setAll(MessageView.json(p.message()));
            return n;
        }
        Watcher.Transition t = (Watcher.Transition) item;
        ObjectNode n = node().put("type", "transition");
        n.setAll(LogCommand.json(t.logged()));
        if (t.trace() != null) {
            n.put("trace", t.trace());
        }
        return n;
    }

    private static ObjectNode node() {
        return Json.MAPPER.createObjectNode();
    }
}

package dev.baton.cli;

import dev.baton.app.Messages;
import dev.baton.core.Address;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inbox", description = {
    "The messages you have not read yet: your inbox, or the channels you name. Each reader has its own cursor per",
    "channel (refs/baton/cursors/<you>/...), moved past what is shown. NDJSON with --json."})
final class InboxCommand extends BaseCommand {

    @Parameters(arity = "0..*", paramLabel = "<channel>", description = "@agent, #channel or task ids (default: your inbox).")
    List<String> channels = new ArrayList<>();

    @Option(names = "--all", description = "Everything on the channel, not only what is new for you.")
    boolean all;

    @Option(names = "--peek", description = "Leave your cursor where it is.")
    boolean peek;

    @Option(names = {"--follow", "-f"}, description = "Keep printing messages as they arrive, like tail -f.")
    boolean follow;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "With --follow: stop after N messages (e.g. --count 1 waits for the next one).")
    int count;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "With --follow: stop after this long.")
    String timeout;

    @Override
    protected int run() {
        Messages messages = session().messages();
        List<Address> read = new ArrayList<>();
        for (String c : channels) {
            read.add(messages.address(c));
        }
        if (read.isEmpty()) {
            read.add(messages.inbox());
        }
        if (follow) {
            messages.follow(read, all, peek, m -> {
                out().result(MessageView.text(m, 0), MessageView.json(m));
                out().flush();
            }, count, duration(timeout, "--timeout"));
            return 0;
        }
        int shown = 0;
        for (Address a : read) {
            for (var m : messages.read(a, all, peek).messages()) {
                out().result(MessageView.text(m, 0), MessageView.json(m));
                shown++;
            }
        }
        if (shown == 0) {
            out().text("no new messages");
        }
        return 0;
    }
}

package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.core.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send", description = {
    "Send a message to an agent's inbox (@agent), a channel (#name) or a task's thread (its id).",
    "Prints the message id (its commit id)."})
final class SendCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<to>", description = "@agent, #channel or a task id.")
    String to;

    @Parameters(index = "1", paramLabel = "<text>", description = "The message (at most 64 KiB); - reads it from stdin.")
    String text;

    @Option(names = "--reply-to", paramLabel = "<msg>", description = "The message this answers (id or unique prefix).")
    String replyTo;

    @Option(names = "--ack-required", description = "Ask for an acknowledgement (`baton ack <msg>`).")
    boolean ackRequired;

    @Option(names = "--task", paramLabel = "<id>", description = "The task the message is about (default: the "
            + "thread's task, or that of the message it answers).")
    String task;

    @Override
    protected int run() throws IOException {
        String body = text.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : text;
        if (body.indexOf('\uFFFD') >= 0) {
            throw BatonException.usage("the message is not valid UTF-8");
        }
        Message m = session().messages().send(to, body, replyTo, ackRequired, task);
        out().result(m.id(), MessageView.json(m));
        return 0;
    }
}

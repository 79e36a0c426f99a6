package dev.baton.cli;

import dev.baton.core.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "ack", description = "Acknowledge a message: an ack answering it lands in its sender's inbox.")
final class AckCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<msg>", description = "The message id (or a unique prefix).")
    String message;

    @Override
    protected int run() {
        Message ack = session().messages().ack(message);
        out().result(ack.id(), MessageView.json(ack));
        return 0;
    }
}

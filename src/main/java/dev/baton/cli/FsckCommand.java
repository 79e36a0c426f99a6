package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.store.BoardFsck;
import dev.baton.store.Json;
import picocli.CommandLine.Command;

@Command(name = "fsck", description = {
    "Replay the board's whole history through the state machine: one chain, every commit a legal transition",
    "whose snapshot equals the replay, epochs that only grow. Exit 0 when clean, 1 with the findings."})
final class FsckCommand extends BaseCommand {
    @Override
    protected int run() {
        boolean tty = System.console() != null && !out().json();
        BoardFsck.Report report = coordinator().fsck(n -> {
            if (tty) {
                System.err.print("\rreplayed " + n + " transitions");
            }
        });
        if (tty) {
            System.err.print("\r");
        }
        if (out().json()) {
            ObjectNode node = Json.MAPPER.createObjectNode().put("commits", report.commits()).put("clean", report.clean());
            ArrayNode arr = node.putArray("findings");
            report.findings().forEach(f -> arr.add(Json.MAPPER.createObjectNode().put("commit", f.commit())
                    .put("problem", f.problem())));
            out().object(node);
        } else if (report.clean()) {
            out().text("board clean: " + report.commits() + " commits replayed");
        } else {
            report.findings().forEach(f -> out().text(f.toString()));
            out().text(report.findings().size() + " problem(s) in " + report.commits() + " commits");
        }
        return report.clean() ? 0 : 1;
    }
}

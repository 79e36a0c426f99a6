package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.store.BoardLayout;
import dev.baton.store.Json;
import picocli.CommandLine.Command;

@Command(name = "init", description = "Create the board (refs/baton/board) in this repository. Safe to run twice.")
final class InitCommand extends BaseCommand {
    @Override
    protected int run() {
        boolean created = coordinator().init();
        if (!created) {
            coordinator().read(board -> null); // the board that is there must be baton's; exit 3 when it is not
        }
        ObjectNode node = Json.MAPPER.createObjectNode().put("ref", BoardLayout.REF).put("created", created);
        out().result(created ? "initialized " + BoardLayout.REF : BoardLayout.REF + " already exists; nothing to do", node);
        return 0;
    }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.store.BoardLayout;
import picocli.CommandLine.Command;

@Command(name = "init", description = {
    "Create the board (refs/baton/board) in this repository. Safe to run twice.",
    "With --remote <name>, turn on remote mode: the board lives on that git remote (published there if it has none)."})
final class InitCommand extends BaseCommand {

    @picocli.CommandLine.Option(names = "--remote", paramLabel = "<name>",
            description = "A git remote to share the board through (sets git config baton.remote).")
    String remote;

    @Override
    protected int run() {
        if (remote != null) {
            String what = session().maintenance().initRemote(remote);
            out().result(what + "; remote mode is on (git config baton.remote " + remote + ")",
                    Json.MAPPER.createObjectNode().put("ref", BoardLayout.REF).put("remote", remote).put("result", what));
            return 0;
        }
        boolean created = session().maintenance().init();
        if (!created) {
            session().board().read(board -> null); // the board that is there must be baton's; exit 3 when it is not
        }
        ObjectNode node = Json.MAPPER.createObjectNode().put("ref", BoardLayout.REF).put("created", created);
        out().result(created ? "initialized " + BoardLayout.REF : BoardLayout.REF + " already exists; nothing to do", node);
        return 0;
    }
}

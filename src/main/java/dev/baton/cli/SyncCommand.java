package dev.baton.cli;

import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "sync", description = {
    "Remote mode: fetch and push everything baton keeps in refs (board, leases, channels, cursors).",
    "Plain git does it too: git fetch <remote> 'refs/baton/*:refs/baton/*'."})
final class SyncCommand extends BaseCommand {
    @Override
    protected int run() {
        List<String> lines = session().maintenance().sync();
        var node = Json.MAPPER.createObjectNode();
        lines.forEach(node.putArray("done")::add);
        out().object(node);
        lines.forEach(out()::text);
        return 0;
    }
}

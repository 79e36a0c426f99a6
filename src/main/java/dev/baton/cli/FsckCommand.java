package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.store.BoardFsck;
import java.util.Map;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fsck", description = {
    "Replay the board's whole history through the state machine: one chain, every commit a legal transition",
    "whose snapshot equals the replay, epochs that only grow. A board that starts at a checkpoint is replayed from",
    "the checkpoint's snapshot, which must be a well-formed board and, when the archive is here, the tree of the",
    "archived tip. Exit 0 when clean, 1 with the findings."})
final class FsckCommand extends BaseCommand {

    @Option(names = "--archive", description = "Also replay the histories that checkpoints moved to the archive"
            + " repository (needs a heap as large as those histories: see docs/format.md).")
    boolean archive;

    @Override
    protected int run() {
        boolean tty = System.console() != null && !out().json();
        IntConsumer progress = n -> {
            if (tty) {
                System.err.print("\rreplayed " + n + " transitions");
            }
        };
        Map<String, BoardFsck.Report> archived = archive ? session().maintenance().fsckArchive(progress) : Map.of();
        BoardFsck.Report report = session().maintenance().fsck(progress);
        if (tty) {
            System.err.print("\r");
        }
        boolean clean = report.clean() && archived.values().stream().allMatch(BoardFsck.Report::clean);
        if (out().json()) {
            ObjectNode node = json(report);
            if (archive) {
                ArrayNode arr = node.putArray("archive");
                archived.forEach((ref, r) -> arr.add(json(r).put("ref", ref)));
            }
            out().object(node.put("clean", clean));
            return clean ? 0 : 1;
        }
        archived.forEach((ref, r) -> text("archive " + ref + ": ", r));
        if (archive && archived.isEmpty()) {
            out().text("no archive at " + session().maintenance().archiveDir());
        }
        text("", report);
        return clean ? 0 : 1;
    }

    private void text(String label, BoardFsck.Report report) {
        if (report.clean()) {
            out().text(label + "board clean: " + report.commits() + " commits replayed" + from(report));
        } else {
            report.findings().forEach(f -> out().text(label + f));
            out().text(label + report.findings().size() + " problem(s) in " + report.commits() + " commits" + from(report));
        }
    }

    /** Where the replay started, when that was a checkpoint, and where the history before it is. */
    private String from(BoardFsck.Report report) {
        if (report.checkpoint() == null) {
            return "";
        }
        var c = report.checkpoint();
        return " from checkpoint " + report.root().substring(0, 10) + "; the " + c.transitions()
                + " transitions before it are in the archive (" + c.archiveRef() + (!report.archiveChecked()
                ? ", which is not in this repository" : report.clean() ? ", checked: same tree" : "") + ")";
    }

    private static ObjectNode json(BoardFsck.Report report) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("commits", report.commits()).put("clean", report.clean());
        ArrayNode arr = node.putArray("findings");
        report.findings().forEach(f -> arr.add(Json.MAPPER.createObjectNode().put("commit", f.commit())
                .put("problem", f.problem())));
        if (report.checkpoint() != null) {
            node.putObject("checkpoint").put("commit", report.root())
                    .put("archivedTip", report.checkpoint().archivedTip().name())
                    .put("archiveRef", report.checkpoint().archiveRef())
                    .put("transitions", report.checkpoint().transitions())
                    .put("archiveChecked", report.archiveChecked());
        }
        return node;
    }
}

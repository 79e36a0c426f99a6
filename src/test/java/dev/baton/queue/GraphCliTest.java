package dev.baton.queue;

import static dev.baton.queue.QueueRepo.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `baton graph --format dot|mermaid`: every task a node, blockers as edges, epics as dashed edges. */
class GraphCliTest {

    @TempDir
    Path tmp;

    /** Four tasks whose priorities fix the order the graph lists them in. */
    private record Board(QueueRepo repo, String schema, String migration, String epic, String child) {
    }

    private Board board() {
        QueueRepo repo = QueueRepo.create(tmp);
        String schema = repo.spawn("Design \"the\" schema", "--priority", "0");
        String migration = repo.spawn("Write migration", "--priority", "1", "--after", schema);
        String epic = repo.spawn("Release", "--priority", "2");
        String child = repo.spawn("Notes", "--priority", "3", "--parent", epic, "--after", migration);
        return new Board(repo, schema, migration, epic, child);
    }

    @Test
    void dotIsTheDefault() {
        Board b = board();
        String expected = "digraph baton {\n"
                + "  rankdir=LR;\n"
                + "  node [shape=box];\n"
                + "  \"" + b.schema + "\" [label=\"" + b.schema + "\\nDesign 'the' schema\\nQUEUED\"];\n"
                + "  \"" + b.migration + "\" [label=\"" + b.migration + "\\nWrite migration\\nQUEUED\"];\n"
                + "  \"" + b.epic + "\" [label=\"" + b.epic + "\\nRelease\\nQUEUED\", shape=folder];\n"
                + "  \"" + b.child + "\" [label=\"" + b.child + "\\nNotes\\nQUEUED\"];\n"
                + "  \"" + b.schema + "\" -> \"" + b.migration + "\";\n"
                + "  \"" + b.migration + "\" -> \"" + b.child + "\";\n"
                + "  \"" + b.child + "\" -> \"" + b.epic + "\" [style=dashed];\n"
                + "}\n";
        assertThat(b.repo.baton("graph").ok().out()).isEqualTo(expected);
        assertThat(b.repo.baton("graph", "--format", "DOT").ok().out()).isEqualTo(expected);
    }

    @Test
    void mermaid() {
        Board b = board();
        String s = node(b.schema);
        String m = node(b.migration);
        String e = node(b.epic);
        String c = node(b.child);
        String expected = "graph LR\n"
                + "  " + s + "[\"" + b.schema + " Design 'the' schema (QUEUED)\"]\n"
                + "  " + m + "[\"" + b.migration + " Write migration (QUEUED)\"]\n"
                + "  " + e + "[\"" + b.epic + " Release (QUEUED)\"]\n"
                + "  " + c + "[\"" + b.child + " Notes (QUEUED)\"]\n"
                + "  " + s + " --> " + m + "\n"
                + "  " + m + " --> " + c + "\n"
                + "  " + c + " -.-> " + e + "\n";
        assertThat(b.repo.baton("graph", "--format", "mermaid").ok().out()).isEqualTo(expected);
    }

    @Test
    void openLeavesOutFinishedTasksAndTheirEdges() {
        Board b = board();
        b.repo.complete(b.schema);
        String all = b.repo.baton("graph", "--format", "mermaid").ok().out();
        assertThat(all).contains(b.schema + " Design 'the' schema (COMPLETED)")
                .contains(node(b.schema) + " --> " + node(b.migration));
        String open = b.repo.baton("graph", "--format", "mermaid", "--open").ok().out();
        assertThat(open).doesNotContain(b.schema).contains(b.migration).contains(b.child);
        assertThat(b.repo.baton("graph", "--open").ok().out()).doesNotContain(b.schema);
    }

    @Test
    void anUnknownFormatOrJsonIsAUsageError() {
        QueueRepo repo = QueueRepo.create(tmp);
        repo.spawn("x");
        assertThat(repo.baton("graph", "--format", "svg", "--as", LEAD).fails(2).error())
                .isEqualTo("--format: 'svg' is not dot or mermaid");
        assertThat(repo.baton("--json", "graph").exit()).isEqualTo(2);
    }

    private static String node(String id) {
        return id.replace("-", "_");
    }
}

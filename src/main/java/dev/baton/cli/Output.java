package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/** Where a command's results go: plain lines for people, or JSON for agents. */
final class Output {

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** A line for people; nothing in JSON mode. */
    void text(String line) {
        if (!json) {
            out.println(line);
        }
    }

    /** One JSON object on one line; nothing in text mode. */
    void object(ObjectNode node) {
        if (json) {
            String line = JsonTree.line(node); // without the mapper, unless the tree holds what only it writes
            out.println(line != null ? line : Json.line(node));
        }
    }

    /** Either form of one result. */
    void result(String line, ObjectNode node) {
        if (json) {
            object(node);
        } else {
            out.println(line);
        }
    }

    /**
     * The JSON form of a result, built only when it is printed: in text mode a command then loads none of Jackson's
     * tree classes (nor makes the mapper). It returns an {@link ObjectNode}; the declared type is Object so that a
     * lambda's own type does not name the tree classes either.
     */
    @FunctionalInterface
    interface JsonForm {
        Object build();
    }

    /** Either form of one result, the JSON one built only in JSON mode. */
    void lazyResult(String line, JsonForm node) {
        if (json) {
            object((ObjectNode) node.build());
        } else {
            out.println(line);
        }
    }

    void flush() {
        out.flush();
    }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.store.Json;
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
            out.println(Json.line(node));
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

    void flush() {
        out.flush();
    }
}

package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/** What one baton call (in this JVM or a child process) or other command printed, and how it ended. */
public record Run(int exit, String out, String err) {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** stdout without its trailing newline (for commands that print one value). */
    public String value() {
        return out.strip();
    }

    /** The lines of stdout. */
    public List<String> lines() {
        return out.lines().toList();
    }

    /** The lines of stderr. */
    public List<String> errLines() {
        return err.lines().toList();
    }

    /** stdout as one JSON object. */
    public JsonNode json() {
        assertThat(lines()).as("one JSON object on stdout: %s", this).hasSize(1);
        return parse(lines().get(0));
    }

    /** stdout as one JSON object a line. */
    public List<JsonNode> ndjson() {
        return lines().stream().map(Run::parse).toList();
    }

    /** The one-line error, without the "baton: " prefix. */
    public String error() {
        assertThat(errLines()).as("one error line: %s", this).hasSize(1);
        assertThat(err).startsWith("baton: ");
        return err.strip().substring("baton: ".length());
    }

    /** Whether it exited 0 (asserting nothing; for git calls whose outcome is the answer). */
    public boolean exitedZero() {
        return exit == 0;
    }

    /** Asserts exit 0 and nothing on stderr. */
    public Run ok() {
        assertThat(exit).as("exit code of a call that should work; %s", this).isZero();
        assertThat(err).as("stderr of a call that worked; %s", this).isEmpty();
        return this;
    }

    /** Asserts exit 0, whatever it said on stderr (notes such as remote mode's age of an offline board). */
    public Run succeeds() {
        assertThat(exit).as("exit code of a call that should work; %s", this).isZero();
        return this;
    }

    /** Asserts a non-zero exit, whatever it printed (a command refused, by git or one of its hooks). */
    public Run refused() {
        assertThat(exit).as("exit code of a call that should be refused; %s", this).isNotZero();
        return this;
    }

    /** Asserts exit {@code code} and nothing on stdout. */
    public Run fails(int code) {
        assertThat(exit).as("exit code; %s", this).isEqualTo(code);
        assertThat(out).as("stdout of a call that failed").isEmpty();
        return this;
    }

    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
}

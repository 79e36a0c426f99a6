package dev.baton;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Whatever ends a call becomes one exit code and one line, in text or JSON. */
class ErrorReportTest {

    @Test
    void batonExceptionKeepsItsCodeAndTheFirstLineOfItsMessage() {
        ErrorReport r = ErrorReport.of(BatonException.refused("  already claimed by agent-a\nmore detail  "));
        assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(r.text()).isEqualTo("baton: already claimed by agent-a");
    }

    @Test
    void anInterruptIs130WhereverItComesFrom() {
        assertThat(ErrorReport.of(BatonException.interrupted("interrupted while following")).exitCode().code())
                .isEqualTo(130);
        RuntimeException wrapped = new IllegalStateException("stopped", new InterruptedException());
        assertThat(ErrorReport.of(wrapped).exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(ErrorReport.of(new UncheckedIOException(new InterruptedIOException("read"))).exitCode())
                .isEqualTo(ExitCode.INTERRUPTED);
        // a timeout is an interrupted read to Java, but not an interrupt
        assertThat(ErrorReport.of(new UncheckedIOException(new SocketTimeoutException("read timed out"))).exitCode())
                .isEqualTo(ExitCode.INTERNAL);
    }

    @Test
    void anythingElseIsABugThatNamesTheException() {
        ErrorReport r = ErrorReport.of(new IllegalStateException("oops"), ErrorReport.DEBUG_HINT);
        assertThat(r.exitCode()).isEqualTo(ExitCode.INTERNAL);
        assertThat(r.message()).isEqualTo("internal error: java.lang.IllegalStateException: oops"
                + " (run with --debug for the stack trace)");
        assertThat(ErrorReport.of(new IllegalStateException("oops")).message())
                .isEqualTo("internal error: java.lang.IllegalStateException: oops");
    }

    @Test
    void outOfMemoryIsAnEnvironmentErrorThatSaysWhatToDo() {
        ErrorReport r = ErrorReport.of(new OutOfMemoryError("Java heap space"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(r.message()).startsWith("out of memory").contains("BATON_JAVA_OPTS=-Xmx1g");
    }

    @Test
    void jsonIsOneObjectWithTheMessageAndTheCode() throws IOException {
        ErrorReport r = new ErrorReport(ExitCode.USAGE, "title \"x\\y\" has a tab\tand \u00e9");
        String line = r.json();
        assertThat(line).doesNotContain("\n").startsWith("{\"error\":");
        JsonNode n = new ObjectMapper().readTree(line);
        assertThat(n.get("error").asText()).isEqualTo(r.message());
        assertThat(n.get("exit").asInt()).isEqualTo(2);
        assertThat(n.size()).isEqualTo(2);
    }

    @Test
    void saidOfAHookTheMessageNamesIt() {
        ErrorReport r = ErrorReport.of(BatonException.environment("not a git repository")).of("pre-commit hook");
        assertThat(r.text()).isEqualTo("baton: pre-commit hook: not a git repository");
        assertThat(r.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
    }
}

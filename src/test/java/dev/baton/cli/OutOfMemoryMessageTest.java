package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Running out of heap ends in one line that says what to do, in text or JSON, with the environment exit code. */
class OutOfMemoryMessageTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream saved;

    @BeforeEach
    void captureStderr() {
        saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(saved);
    }

    @Test
    void oneLineWithTheHeapAndTheRemedy() {
        int code = BatonCommand.onOutOfMemory(new String[] {"show", "T-abcdefgh"});

        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(3);
        assertThat(out.lines()).hasSize(1);
        assertThat(out).startsWith("baton: out of memory (the JVM may use ")
                .contains(Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB").contains("BATON_JAVA_OPTS=-Xmx1g")
                .contains("baton checkpoint");
    }

    @Test
    void jsonWhenAskedFor() {
        int code = BatonCommand.onOutOfMemory(new String[] {"--json", "ready"});

        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(3);
        assertThat(out.lines()).hasSize(1);
        assertThat(out).startsWith("{\"error\":\"out of memory").contains("\"exit\":3");
    }
}

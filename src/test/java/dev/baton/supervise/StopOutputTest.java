package dev.baton.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command says as it is stopped still reaches the output and the attempt's log. */
class StopOutputTest {

    @TempDir
    Path tmp;

    @Test
    void theLinesACommandPrintsOnSigtermAreKept() {
        try (Baton b = Baton.create(tmp)) {
            b.repo().git("config", "baton.maxAttempts", "1");
            String id = b.spawn("says goodbye");
            String agent = b.script("goodbye.sh", """
                    trap 'echo "got SIGTERM, saving my notes"; exit 143' TERM
                    echo "working"
                    while :; do sleep 0.1; done
                    """);

            Run r = b.run("agent-a", "run", id, "--timeout", "2s", "--grace", "5s", "--", agent);

            assertThat(r.exit()).as("%s", r).isEqualTo(1);
            assertThat(r.err()).contains("timed out after 2s");
            assertThat(r.out()).contains("working").contains("got SIGTERM, saving my notes")
                    .doesNotContain("could not keep the output log");
            assertThat(b.inProcess("agent-a", "logs", id, "--attempt", "1").out())
                    .contains("got SIGTERM, saving my notes");
        }
    }
}

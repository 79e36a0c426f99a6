package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training run bin/baton records its class-data archive from: every call still ends as it expects. */
class TrainingRunTest {

    @TempDir
    Path tmp;

    @Test
    void everyCallEndsAsExpected() throws Exception {
        assertThat(TrainingRun.run(tmp)).isEmpty();
        assertThat(tmp.resolve("repo/.git")).isDirectory();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("repo");
        }
    }
}

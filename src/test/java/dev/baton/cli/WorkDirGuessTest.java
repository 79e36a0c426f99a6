package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.junit.jupiter.api.Test;

/** The folder the CLI's warm-up thread opens ahead: where picocli will find that the call runs. */
class WorkDirGuessTest {

    private static File guess(String... args) {
        return Main.workDir(args);
    }

    @Test
    void theWorkingFolderWithoutDashC() {
        assertThat(guess("show", "T-abc")).isEqualTo(new File(System.getProperty("user.dir")));
    }

    @Test
    void dashCBeforeOrAfterTheCommandInEveryForm() {
        assertThat(guess("-C", "/r", "show")).isEqualTo(new File("/r"));
        assertThat(guess("show", "-C", "rel/dir")).isEqualTo(new File("rel/dir"));
        assertThat(guess("-C/r", "list")).isEqualTo(new File("/r"));
        assertThat(guess("list", "-C=/r")).isEqualTo(new File("/r"));
        assertThat(guess("-C", "/a", "show", "-C", "/b")).as("the last one, as the subcommand's wins").isEqualTo(new File("/b"));
    }

    @Test
    void nothingAfterDoubleDashAndNoValueAtTheEnd() {
        assertThat(guess("spawn", "--", "-C", "/r")).isEqualTo(new File(System.getProperty("user.dir")));
        assertThat(guess("show", "-C")).isEqualTo(new File(System.getProperty("user.dir")));
    }
}

package dev.baton.writes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Once roles are set, an agent that holds none may only read: every writing command it gives is refused with one line
 * (exit 1, 2 or 3) and no ref moves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadOnlyRoleTest {

    private static final String WATCHER = "watcher";

    private Path tmp;
    private Path dir;
    private Map<String, String> ids;

    @BeforeAll
    void board() throws Exception {
        tmp = Files.createTempDirectory("baton-read-only");
        dir = TempRepo.create(tmp, "repo").dir();
        Cli.ok(dir, WritingCommands.LEAD, "init");
        Cli.ok(dir, WritingCommands.LEAD, "roles", "set", WritingCommands.LEAD, "admin");
        Cli.ok(dir, WritingCommands.LEAD, "roles", "set", WritingCommands.WORKER, "worker");
        ids = WritingCommands.prepare(dir);
        Cli.ok(dir, WritingCommands.LEAD, "send", "@" + WATCHER, "a message the watcher may read");
    }

    @AfterAll
    void cleanUp() throws Exception {
        org.apache.commons.io.FileUtils.deleteDirectory(tmp.toFile());
    }

    static List<List<String>> commands() {
        return WritingCommands.all().filter(c -> !c.get(0).equals("sync")).toList(); // sync is remote mode's alone
    }

    @ParameterizedTest(name = "baton --as watcher {0}")
    @MethodSource("commands")
    void isRefusedAndMovesNoRef(List<String> command) {
        String before = WritingCommands.refs(dir);
        Run r = Cli.as(dir, WATCHER, WritingCommands.resolve(command, ids).toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isIn(1, 2, 3);
        assertThat(r.error()).as("%s", r).isNotBlank();
        assertThat(WritingCommands.refs(dir)).as("refs").isEqualTo(before);
    }

    @Test
    void itMayStillRead() {
        assertThat(Cli.as(dir, WATCHER, "show", ids.get("{working}")).exit()).isZero();
        Run inbox = Cli.as(dir, WATCHER, "inbox", "--peek");
        assertThat(inbox.exit()).as("%s", inbox).isZero();
        assertThat(inbox.out()).contains("a message the watcher may read");
    }

    @Test
    void anAgentWithARoleMayWrite() {
        String before = WritingCommands.refs(dir);
        Cli.as(dir, WritingCommands.WORKER, "heartbeat", ids.get("{working}"), "-m", "a worker may").succeeds();
        assertThat(WritingCommands.refs(dir)).isNotEqualTo(before);
    }
}

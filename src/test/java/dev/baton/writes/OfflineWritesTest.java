package dev.baton.writes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --offline} in remote mode reads the local copy and writes nothing: every writing command is refused with one
 * line and exit 2 or 3, and no ref moves, neither on the remote nor in the clone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineWritesTest {

    private Path tmp;
    private Path bare;
    private Path clone;
    private Map<String, String> ids;

    @BeforeAll
    void board() throws Exception {
        tmp = Files.createTempDirectory("baton-offline");
        bare = tmp.resolve("server.git");
        TempRepo.gitIn(tmp, "init", "--quiet", "--bare", "--initial-branch=main", bare.toString());
        TempRepo seed = TempRepo.create(tmp, "seed");
        seed.git("push", "--quiet", bare.toString(), "main");
        clone = TempRepo.cloneOf(tmp, bare.toString(), "clone").dir();
        Cli.ok(clone, WritingCommands.LEAD, "init", "--remote", "origin");
        ids = WritingCommands.prepare(clone);
    }

    @AfterAll
    void cleanUp() throws Exception {
        org.apache.commons.io.FileUtils.deleteDirectory(tmp.toFile());
    }

    static List<List<String>> commands() {
        return WritingCommands.all().toList();
    }

    @ParameterizedTest(name = "baton --offline {0}")
    @MethodSource("commands")
    void isRefusedAndMovesNoRef(List<String> command) {
        String remoteBefore = WritingCommands.refs(bare);
        String cloneBefore = WritingCommands.refs(clone);
        List<String> args = new ArrayList<>(List.of("--offline"));
        args.addAll(WritingCommands.resolve(command, ids));
        Run r = Cli.as(clone, WritingCommands.WORKER, args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isIn(2, 3);
        assertThat(r.error()).as("%s", r).isNotBlank();
        assertThat(WritingCommands.refs(bare)).as("refs on the remote").isEqualTo(remoteBefore);
        assertThat(WritingCommands.refs(clone)).as("refs in the clone").isEqualTo(cloneBefore);
    }

    /** The same comparison sees a write: without --offline a heartbeat moves the lease ref on both sides. */
    @Test
    void theRefComparisonSeesAWrite() {
        String remoteBefore = WritingCommands.refs(bare);
        String cloneBefore = WritingCommands.refs(clone);
        Cli.as(clone, WritingCommands.WORKER, "heartbeat", ids.get("{working}"), "-m", "online").succeeds();
        assertThat(WritingCommands.refs(bare)).isNotEqualTo(remoteBefore);
        assertThat(WritingCommands.refs(clone)).isNotEqualTo(cloneBefore);
    }

    @Test
    void readsStillWorkOffline() {
        Run r = Cli.as(clone, WritingCommands.WORKER, "--offline", "show", ids.get("{working}"));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.err()).contains("offline: the local copy of the board was fetched");
        assertThat(Cli.as(clone, WritingCommands.WORKER, "--offline", "inbox", "--peek").exit()).isZero();
    }
}

package dev.baton.worktree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that cannot make the task's worktree fails with one line and leaves the board and every ref as they were:
 * the worktree is made before the board moves, not after.
 */
class StartFailureTest {

    @TempDir
    Path tmp;

    TempRepo repo;

    @BeforeEach
    void setUp() {
        repo = TempRepo.withBoard(tmp);
    }

    private String refs() {
        return repo.git("for-each-ref", "--format=%(refname) %(objectname)");
    }

    private void assertRefusedAndUnchanged(String id, String refsBefore) {
        Run r = Cli.as(repo.dir(), "agent-a", "start", id);
        assertThat(r.exit()).as("%s", r).isIn(1, 2, 3);
        assertThat(r.error()).as("%s", r).isNotBlank();
        assertThat(refs()).as("refs after a failed start").isEqualTo(refsBefore);
        assertThat(Cli.ok(repo.dir(), "agent-a", "show", id)).doesNotContain("WORKING");
        assertThat(repo.git("worktree", "list")).doesNotContain(id);
    }

    @Test
    void aWorktreeRootThatIsAFile() throws Exception {
        String id = Cli.ok(repo.dir(), "lead", "spawn", "root is a file");
        Path file = tmp.resolve("not-a-directory");
        Files.writeString(file, "a file where the worktrees should go\n");
        repo.git("config", "baton.worktreeRoot", file.toString());
        assertRefusedAndUnchanged(id, refs());
    }

    @Test
    void aWorktreeRootThatCannotBeMade() {
        String id = Cli.ok(repo.dir(), "lead", "spawn", "root cannot be made");
        repo.git("config", "baton.worktreeRoot", "/proc/baton-cannot-make-this");
        assertRefusedAndUnchanged(id, refs());
    }

    @Test
    void aBaseThatNoLongerExists() {
        repo.git("branch", "feature");
        String id = Cli.ok(repo.dir(), "lead", "spawn", "on a branch that goes away", "--base", "feature");
        repo.git("branch", "-D", "feature");
        assertRefusedAndUnchanged(id, refs());
    }

    @Test
    void aStartTheBoardRefusesTakesBackTheWorktreeItMade() {
        String id = Cli.ok(repo.dir(), "lead", "spawn", "claimed by someone else");
        Cli.ok(repo.dir(), "agent-b", "claim", id);
        String before = refs();
        Run r = Cli.as(repo.dir(), "agent-a", "start", id);
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.error()).contains("agent-b");
        assertThat(refs()).isEqualTo(before);
        assertThat(repo.git("worktree", "list")).doesNotContain(id);
        assertThat(repo.defaultWorktreeRoot().resolve(id)).doesNotExist();
    }

    @Test
    void anAssignedTaskStaysAssigned() {
        String id = Cli.ok(repo.dir(), "lead", "spawn", "claimed first");
        Cli.ok(repo.dir(), "agent-a", "claim", id);
        repo.git("config", "baton.worktreeRoot", "/proc/baton-cannot-make-this");
        String before = refs();
        assertRefusedAndUnchanged(id, before);
        assertThat(Cli.ok(repo.dir(), "agent-a", "show", id)).contains("ASSIGNED");
    }
}

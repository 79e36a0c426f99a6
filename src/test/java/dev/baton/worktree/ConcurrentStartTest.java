package dev.baton.worktree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.app.SpawnRequest;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes creating worktrees in one repository at the same moment do not trip over git's lock files. */
class ConcurrentStartTest {

    private static final int PROCESSES = 4;

    @TempDir
    Path tmp;

    @Test
    void fourProcessesStartingDifferentTasksAtOnceAllSucceed() throws Exception {
        TempRepo repo = TempRepo.create(tmp);
        // a line of the user's own in info/exclude must survive baton adding TASK.md to it
        Path exclude = repo.dir().resolve(".git/info/exclude");
        Files.writeString(exclude, Files.readString(exclude) + "*.log\n");
        List<String> ids = new ArrayList<>();
        try (Session lead = repo.session("lead")) {
            lead.maintenance().init();
            for (int i = 1; i <= PROCESSES; i++) {
                ids.add(lead.transitions().spawn(SpawnRequest.of("parallel " + i))
                        .task().id());
            }
        }
        List<List<String>> args = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            args.add(List.of(repo.dir().toString(), "agent-" + (i + 1), ids.get(i)));
        }
        List<Run> results = TempRepo.race(tmp.resolve("children"), StartOnce.class, args,
                Duration.ofSeconds(90));

        String list = repo.git("worktree", "list", "--porcelain");
        for (int i = 0; i < PROCESSES; i++) {
            Run r = results.get(i);
            String id = ids.get(i);
            assertThat(r.exit()).as("agent-%d starting %s: %s", i + 1, id, r).isZero();
            Path wt = repo.defaultWorktreeRoot().resolve(id);
            assertThat(Path.of(r.out().strip()).toRealPath()).isEqualTo(wt.toRealPath());
            assertThat(list).contains("worktree " + wt.toRealPath()).contains("branch refs/heads/task/" + id);
            assertThat(TempRepo.gitIn(wt, "symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/task/" + id);
            assertThat(wt.resolve(TaskFile.NAME)).exists();
            assertThat(wt.resolve("README.md")).exists();
            assertThat(TempRepo.gitIn(wt, "status", "--porcelain", "--untracked-files=all")).isEmpty();
        }
        assertThat(list.lines().filter(l -> l.startsWith("worktree "))).hasSize(1 + PROCESSES);
        assertThat(Files.readAllLines(exclude)).contains("*.log", "/" + TaskFile.NAME);

        try (Session reader = repo.session("reader")) {
            for (int i = 0; i < PROCESSES; i++) {
                Task t = reader.board().task(ids.get(i));
                assertThat(t.state()).isEqualTo(TaskState.WORKING);
                assertThat(t.assignee()).isEqualTo("agent-" + (i + 1));
                assertThat(t.epoch()).isEqualTo(1);
                assertThat(reader.board().workspace(ids.get(i)).orElseThrow().agent())
                        .isEqualTo("agent-" + (i + 1));
            }
        }
        assertThat(repo.git("rev-list", "--count", "refs/baton/board").strip())
                .isEqualTo(Integer.toString(1 + 2 * PROCESSES));
        Run fsck = repo.tryGit("fsck", "--strict", "--no-progress");
        assertThat(fsck.exit()).as("%s", fsck).isZero();
    }
}

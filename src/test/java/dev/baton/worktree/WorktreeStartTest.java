package dev.baton.worktree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.app.Session;
import dev.baton.app.SpawnRequest;
import dev.baton.app.Started;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start gives a task its branch and linked worktree, made with the git binary. */
class WorktreeStartTest {

    private static final String BOARD = "refs/baton/board";

    @TempDir
    Path tmp;

    TempRepo repo;

    @BeforeEach
    void setUp() {
        repo = TempRepo.withBoard(tmp);
    }

    private String spawn(String title) {
        return repo.spawn("lead", SpawnRequest.of(title).withSpec("the spec of " + title).withPriority(1)
                .withLabels(List.of("x")));
    }

    @Test
    void startCreatesTheBranchAndAWorktreeBesideTheRepository() throws Exception {
        String id = spawn("Build the thing");
        String mainTip = repo.rev("main");
        Started started;
        try (Session a = repo.session("agent-a")) {
            a.transitions().claim(id, null);
            started = a.transitions().start(id, null, null);
        }
        assertThat(started.resumed()).isFalse();
        assertThat(started.task().state()).isEqualTo(TaskState.WORKING);
        assertThat(started.task().base()).isEqualTo("main");
        assertThat(started.task().epoch()).isEqualTo(1);

        Path wt = repo.defaultWorktreeRoot().resolve(id);
        assertThat(wt.getParent().getFileName().toString()).isEqualTo("repo.baton");
        assertThat(wt.getParent().getParent()).isEqualTo(repo.dir().getParent());
        assertThat(Path.of(started.workspace().path()).toRealPath()).isEqualTo(wt.toRealPath());
        assertThat(started.workspace().branch()).isEqualTo("task/" + id);

        // the branch starts at main, and the worktree has it checked out
        assertThat(repo.rev("refs/heads/task/" + id)).isEqualTo(mainTip);
        assertThat(TempRepo.gitIn(wt, "symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/task/" + id);
        assertThat(TempRepo.gitIn(wt, "rev-parse", "--show-toplevel").strip()).isEqualTo(wt.toRealPath().toString());
        String list = repo.git("worktree", "list", "--porcelain");
        assertThat(list).contains("worktree " + wt.toRealPath()).contains("branch refs/heads/task/" + id);
        assertThat(wt.resolve("README.md")).exists();

        // TASK.md is there, says what to do, and git does not see it
        Path taskFile = wt.resolve(TaskFile.NAME);
        assertThat(taskFile).exists();
        assertThat(Files.readString(taskFile)).contains(id).contains("Build the thing")
                .contains("the spec of Build the thing").contains("agent-a (epoch 1)").contains("- base: main");
        assertThat(TempRepo.gitIn(wt, "status", "--porcelain", "--untracked-files=all")).isEmpty();
        assertThat(TempRepo.gitIn(wt, "status", "--porcelain", "--ignored")).contains("!! " + TaskFile.NAME);
        assertThat(repo.git("status", "--porcelain", "--untracked-files=all")).isEmpty();

        // this clone remembers the worktree and the epoch it was granted at
        try (Session a = repo.session("agent-a")) {
            Workspace ws = a.board().workspace(id).orElseThrow();
            assertThat(ws.epoch()).isEqualTo(1);
            assertThat(ws.agent()).isEqualTo("agent-a");
        }
    }

    @Test
    void aCoordinatorOpenedInsideTheWorktreeKnowsItsTask() throws Exception {
        String id = spawn("Work from inside");
        String other = spawn("Someone else's");
        Path wt;
        try (Session a = repo.session("agent-a")) {
            wt = Path.of(a.transitions().start(id, null, null).workspace().path());
        }
        Path sub = Files.createDirectories(wt.resolve("src/deep"));
        for (Path dir : List.of(wt, sub)) {
            try (Session inside = TempRepo.sessionAt(dir, "agent-a", Clock.systemUTC())) {
                assertThat(inside.board().resolve(null)).isEqualTo(id);
                assertThat(inside.board().resolve("")).isEqualTo(id);
                // the board is shared with the main worktree
                assertThat(inside.board().task(other).state()).isEqualTo(TaskState.QUEUED);
            }
        }
        // a transition made from inside the worktree lands on the one board
        TempRepo.commitFileIn(wt, "work.txt", "done\n", "work");
        try (Session inside = TempRepo.sessionAt(wt, "agent-a", Clock.systemUTC())) {
            inside.transitions().done(inside.board().resolve(null), null, null);
        }
        try (Session lead = repo.session("lead")) {
            assertThat(lead.board().task(id).state()).isEqualTo(TaskState.IN_REVIEW);
            assertThat(lead.board().log(id, 1).get(0).event().command().name()).isEqualTo("done");
            // and the main worktree is not a task's
            BatonException e = catchThrowableOfType(BatonException.class, () -> lead.board().resolve(null));
            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        }
    }

    @Test
    void startingAgainByTheOwnerResumesWithoutANewBoardCommit() throws Exception {
        String id = spawn("Resume me");
        Started first;
        try (Session a = repo.session("agent-a")) {
            first = a.transitions().start(id, null, null); // QUEUED → WORKING: claims and starts in one step
        }
        assertThat(first.task().assignee()).isEqualTo("agent-a");
        assertThat(first.task().epoch()).isEqualTo(1);
        Path wt = Path.of(first.workspace().path());
        String tip = repo.rev(BOARD);
        TempRepo.writeFile(wt.resolve("notes.txt"), "work in progress\n");
        Files.delete(wt.resolve(TaskFile.NAME));

        Started again;
        try (Session a = repo.session("agent-a")) {
            again = a.transitions().start(id, null, null);
        }
        assertThat(again.resumed()).isTrue();
        assertThat(again.workspace().path()).isEqualTo(first.workspace().path());
        assertThat(again.task()).isEqualTo(first.task());
        assertThat(repo.rev(BOARD)).as("no board commit").isEqualTo(tip);
        assertThat(wt.resolve(TaskFile.NAME)).as("TASK.md written again").exists();
        assertThat(wt.resolve("notes.txt")).hasContent("work in progress");
        assertThat(repo.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")))
                .hasSize(2);

        // anyone else is refused, and nothing changes
        try (Session b = repo.session("agent-b")) {
            BatonException e = catchThrowableOfType(BatonException.class, () -> b.transitions().start(id, null, null));
            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(e.getMessage()).contains("already claimed by agent-a");
        }
        assertThat(repo.rev(BOARD)).isEqualTo(tip);
        // resuming with a stale epoch is refused as a lost lease
        try (Session a = repo.session("agent-a")) {
            BatonException e = catchThrowableOfType(BatonException.class, () -> a.transitions().start(id, 0L, null));
            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(e.getMessage()).contains("lease lost");
        }
    }

    @Test
    void worktreeRootConfigurationIsHonoured() throws Exception {
        Path elsewhere = tmp.resolve("elsewhere/worktrees");
        repo.git("config", "baton.worktreeRoot", elsewhere.toString());
        String id = spawn("Somewhere else");
        Started s;
        try (Session a = repo.session("agent-a")) {
            s = a.transitions().start(id, null, null);
        }
        Path wt = elsewhere.resolve(id);
        assertThat(Path.of(s.workspace().path()).toRealPath()).isEqualTo(wt.toRealPath());
        assertThat(wt.resolve(TaskFile.NAME)).exists();
        assertThat(repo.defaultWorktreeRoot()).doesNotExist();
        assertThat(TempRepo.gitIn(wt, "symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/task/" + id);
        assertThat(TempRepo.gitIn(wt, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aStartedTaskBranchesFromTheBranchCheckedOutInTheMainWorktree() {
        repo.git("checkout", "-q", "-b", "develop");
        String developTip = repo.commitFile("dev.txt", "develop\n", "on develop");
        String id = spawn("On develop");
        Task t;
        try (Session a = repo.session("agent-a")) {
            t = a.transitions().start(id, null, null).task();
        }
        assertThat(t.base()).isEqualTo("develop");
        assertThat(repo.rev("refs/heads/task/" + id)).isEqualTo(developTip);
    }
}

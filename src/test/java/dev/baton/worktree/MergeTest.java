package dev.baton.worktree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.app.Session;
import dev.baton.app.Finished;
import dev.baton.app.SpawnRequest;
import dev.baton.core.Handoff;
import dev.baton.core.TaskState;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** merge lands the task branch on main: fast-forward, rebase when main moved on, refuse on conflict. */
class MergeTest {

    @TempDir
    Path tmp;

    TempRepo repo;

    @BeforeEach
    void setUp() {
        repo = TempRepo.withBoard(tmp);
    }

    /** Spawns a task, has agent-a start it and commit {@code files} (path, content pairs) in its worktree. */
    private String workedOn(String title, String... files) {
        String id = repo.spawn("lead", SpawnRequest.of(title));
        Path wt;
        try (Session a = repo.session("agent-a")) {
            wt = Path.of(a.transitions().start(id, null, null).workspace().path());
        }
        for (int i = 0; i < files.length; i += 2) {
            TempRepo.commitFileIn(wt, files[i], files[i + 1], title + ": " + files[i]);
        }
        return id;
    }

    private void doneAndApproved(String id) {
        try (Session a = repo.session("agent-a"); Session reviewer = repo.session("reviewer")) {
            a.transitions().done(id, null, Handoff.summary("ready"));
            reviewer.transitions().approve(id);
        }
    }

    private Finished merge(String id) {
        try (Session reviewer = repo.session("reviewer")) {
            return reviewer.merging().merge(id).finished();
        }
    }

    private Path worktree(String id) {
        return repo.defaultWorktreeRoot().resolve(id);
    }

    private void assertCleanedUp(String id, Finished f) {
        assertThat(f.worktree()).isEqualTo(Worktrees.Removal.REMOVED);
        assertThat(worktree(id)).doesNotExist();
        assertThat(repo.exists("refs/heads/task/" + id)).as("branch removed").isFalse();
        assertThat(repo.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")))
                .hasSize(1);
        assertThat(repo.dir().resolve(".git/baton/worktrees/" + id + ".json")).doesNotExist();
        assertThat(repo.git("status", "--porcelain", "--untracked-files=all")).isEmpty();
    }

    @Test
    void mergeFastForwardsMainAndCleansUp() {
        String oldMain = repo.rev("main");
        String id = workedOn("Add feature", "feature.txt", "one\n", "feature.txt", "one\ntwo\n");
        String branchTip = repo.rev("refs/heads/task/" + id);
        doneAndApproved(id);

        Finished f = merge(id);

        assertThat(f.task().state()).isEqualTo(TaskState.COMPLETED);
        String newMain = repo.rev("main");
        assertThat(newMain).isEqualTo(branchTip).as("a fast-forward: the task's own commits");
        assertThat(f.task().mergedCommit()).isEqualTo(newMain);
        assertThat(repo.rev("main~2")).isEqualTo(oldMain);
        assertThat(repo.git("rev-list", "--merges", "main")).isEmpty();
        // the main worktree's files follow
        assertThat(repo.dir().resolve("feature.txt")).hasContent("one\ntwo");
        assertCleanedUp(id, f);
        try (Session lead = repo.session("lead")) {
            assertThat(lead.board().task(id).mergedCommit()).isEqualTo(newMain);
        }
    }

    @Test
    void mergeRebasesWhenMainMovedOn() {
        String id = workedOn("Add feature", "feature.txt", "feature\n", "more.txt", "more\n");
        doneAndApproved(id);
        String other = repo.commitFile("other.txt", "someone else's work\n", "unrelated change on main");

        Finished f = merge(id);

        String newMain = repo.rev("main");
        assertThat(f.task().state()).isEqualTo(TaskState.COMPLETED);
        assertThat(f.task().mergedCommit()).isEqualTo(newMain);
        // the task's two commits now sit on top of the other change, in a line
        assertThat(repo.rev("main~2")).isEqualTo(other);
        assertThat(repo.git("log", "--format=%s", "-2", "main").lines().toList())
                .containsExactly("Add feature: more.txt", "Add feature: feature.txt");
        assertThat(repo.git("log", "--format=%an", "-2", "main").lines().toList())
                .containsOnly(TempRepo.USER_NAME);
        assertThat(repo.git("rev-list", "--merges", "main")).isEmpty();
        assertThat(repo.dir().resolve("feature.txt")).hasContent("feature");
        assertThat(repo.dir().resolve("more.txt")).hasContent("more");
        assertThat(repo.dir().resolve("other.txt")).hasContent("someone else's work");
        assertCleanedUp(id, f);
    }

    @Test
    void aConflictIsRefusedAndLeavesEverythingAsItWas() {
        String id = workedOn("Reword readme", "README.md", "# the task's title\n");
        doneAndApproved(id);
        String mainTip = repo.commitFile("README.md", "# main's title\n", "main rewords the readme");
        String branchTip = repo.rev("refs/heads/task/" + id);

        BatonException e;
        try (Session reviewer = repo.session("reviewer")) {
            e = catchThrowableOfType(BatonException.class, () -> reviewer.merging().merge(id));
        }
        assertThat(e).as("merge must be refused").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(e.getMessage()).contains("README.md").contains("conflict");

        try (Session lead = repo.session("lead")) {
            assertThat(lead.board().task(id).state()).isEqualTo(TaskState.APPROVED);
            assertThat(lead.board().task(id).mergedCommit()).isNull();
        }
        assertThat(repo.rev("main")).isEqualTo(mainTip);
        assertThat(repo.rev("refs/heads/task/" + id)).isEqualTo(branchTip);
        assertThat(repo.dir().resolve("README.md")).hasContent("# main's title");
        assertThat(repo.git("status", "--porcelain", "--untracked-files=all")).isEmpty();
        // the task's worktree is untouched, and no scratch worktree is left behind
        Path wt = worktree(id);
        assertThat(wt.resolve("README.md")).hasContent("# the task's title");
        assertThat(TempRepo.gitIn(wt, "status", "--porcelain", "--untracked-files=all")).isEmpty();
        assertThat(repo.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")))
                .hasSize(2);
        assertThat(repo.defaultWorktreeRoot().toFile().list()).containsExactly(id);

        // resolved on the branch (rebased onto main, keeping the task's wording), the merge goes through
        TempRepo.gitIn(wt, "rebase", "-q", "-X", "theirs", "main");
        Finished f = merge(id);
        assertThat(f.task().state()).isEqualTo(TaskState.COMPLETED);
        assertThat(repo.rev("main")).isEqualTo(f.task().mergedCommit());
        assertThat(repo.rev("main^")).isEqualTo(mainTip);
        assertThat(repo.dir().resolve("README.md")).hasContent("# the task's title");
        assertCleanedUp(id, f);
    }

    @Test
    void mergeBeforeApprovalIsRefusedWithoutTouchingGit() {
        String id = workedOn("Not reviewed", "x.txt", "x\n");
        String mainTip = repo.rev("main");
        String branchTip = repo.rev("refs/heads/task/" + id);
        try (Session reviewer = repo.session("reviewer")) {
            BatonException e = catchThrowableOfType(BatonException.class, () -> reviewer.merging().merge(id));
            assertThat(e).isNotNull();
            assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(e.getMessage()).contains("WORKING");
        }
        assertThat(repo.rev("main")).isEqualTo(mainTip);
        assertThat(repo.rev("refs/heads/task/" + id)).isEqualTo(branchTip);
        assertThat(worktree(id)).exists();
    }
}

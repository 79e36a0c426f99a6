package dev.baton.worktree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.app.Finished;
import dev.baton.app.SpawnRequest;
import dev.baton.core.TaskState;
import dev.baton.testing.TempRepo;
import dev.baton.worktree.Worktrees.Removal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cancel removes a task's worktree and branch only when nothing would be lost, unless forced. */
class CancelWorktreeTest {

    @TempDir
    Path tmp;

    TempRepo repo;

    @BeforeEach
    void setUp() {
        repo = TempRepo.withBoard(tmp);
    }

    /** A task agent-a has started; returns its id. */
    private String started(String title) {
        String id = repo.spawn("lead", SpawnRequest.of(title));
        try (Session a = repo.session("agent-a")) {
            a.transitions().start(id, null, null);
        }
        return id;
    }

    private Path worktree(String id) {
        return repo.defaultWorktreeRoot().resolve(id);
    }

    private Finished cancel(String id, boolean force) {
        try (Session lead = repo.session("lead")) {
            return lead.transitions().cancel(id, "not needed", force);
        }
    }

    private void assertGone(String id) {
        assertThat(worktree(id)).doesNotExist();
        assertThat(repo.exists("refs/heads/task/" + id)).isFalse();
        assertThat(repo.git("worktree", "list", "--porcelain")).doesNotContain(id);
        assertThat(repo.dir().resolve(".git/baton/worktrees/" + id + ".json")).doesNotExist();
    }

    private void assertKept(String id) {
        assertThat(worktree(id)).isDirectory();
        assertThat(repo.exists("refs/heads/task/" + id)).isTrue();
        assertThat(repo.git("worktree", "list", "--porcelain")).contains("branch refs/heads/task/" + id);
    }

    @Test
    void aCleanWorktreeWithNothingUnmergedIsRemoved() {
        String id = started("Clean");
        assertThat(worktree(id).resolve(TaskFile.NAME)).exists(); // TASK.md alone does not make it dirty
        Finished f = cancel(id, false);
        assertThat(f.task().state()).isEqualTo(TaskState.CANCELLED);
        assertThat(f.worktree()).isEqualTo(Removal.REMOVED);
        assertGone(id);
        assertThat(repo.rev("main")).isEqualTo(repo.rev("HEAD"));
    }

    @Test
    void aWorktreeWithAnUncommittedChangeIsKept() throws Exception {
        String id = started("Dirty");
        TempRepo.writeFile(worktree(id).resolve("README.md"), "edited but not committed\n");
        Finished f = cancel(id, false);
        assertThat(f.task().state()).isEqualTo(TaskState.CANCELLED);
        assertThat(f.worktree()).isEqualTo(Removal.KEPT_DIRTY);
        assertKept(id);
        assertThat(worktree(id).resolve("README.md")).hasContent("edited but not committed");

        // removing it on purpose later still works
        try (org.eclipse.jgit.lib.Repository git = dev.baton.app.Repositories.open(repo.file())) {
            assertThat(new Worktrees(git).remove(id, "main", true)).isEqualTo(Removal.REMOVED);
        }
        assertGone(id);
    }

    @Test
    void aWorktreeWithAnUntrackedFileIsKept() {
        String id = started("Untracked");
        TempRepo.writeFile(worktree(id).resolve("new-file.txt"), "not added yet\n");
        assertThat(cancel(id, false).worktree()).isEqualTo(Removal.KEPT_DIRTY);
        assertKept(id);
        assertThat(worktree(id).resolve("new-file.txt")).exists();
    }

    @Test
    void aWorktreeWithUnmergedCommitsIsKept() {
        String id = started("Unmerged");
        String commit = TempRepo.commitFileIn(worktree(id), "work.txt", "work\n", "some work");
        Finished f = cancel(id, false);
        assertThat(f.task().state()).isEqualTo(TaskState.CANCELLED);
        assertThat(f.worktree()).isEqualTo(Removal.KEPT_UNMERGED);
        assertKept(id);
        assertThat(repo.rev("refs/heads/task/" + id)).isEqualTo(commit);

        try (org.eclipse.jgit.lib.Repository git = dev.baton.app.Repositories.open(repo.file())) {
            Worktrees worktrees = new Worktrees(git);
            assertThat(worktrees.remove(id, "main", false)).as("still unmerged").isEqualTo(Removal.KEPT_UNMERGED);
            assertThat(worktrees.remove(id, "main", true)).isEqualTo(Removal.REMOVED);
        }
        assertGone(id);
        assertThat(repo.exists(commit)).as("the commit object itself is not deleted").isTrue();
    }

    @Test
    void forceRemovesDirtyAndUnmergedWorktrees() {
        String dirty = started("Dirty, forced");
        TempRepo.writeFile(worktree(dirty).resolve("README.md"), "edited\n");
        String unmerged = started("Unmerged, forced");
        TempRepo.commitFileIn(worktree(unmerged), "work.txt", "work\n", "some work");
        String both = started("Both, forced");
        TempRepo.commitFileIn(worktree(both), "work.txt", "work\n", "some work");
        TempRepo.writeFile(worktree(both).resolve("scratch.txt"), "scratch\n");

        for (String id : List.of(dirty, unmerged, both)) {
            Finished f = cancel(id, true);
            assertThat(f.task().state()).isEqualTo(TaskState.CANCELLED);
            assertThat(f.worktree()).as("forced cancel of %s", id).isEqualTo(Removal.REMOVED);
            assertGone(id);
        }
        assertThat(repo.git("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")))
                .hasSize(1);
        assertThat(repo.git("status", "--porcelain")).isEmpty();
    }

    @Test
    void aTaskThatNeverStartedHasNoWorktreeToRemove() {
        String id = repo.spawn("lead", SpawnRequest.of("Never started"));
        assertThat(cancel(id, false).worktree()).isEqualTo(Removal.NONE);
        assertThat(repo.defaultWorktreeRoot()).doesNotExist();
    }
}

package dev.baton.app;

import dev.baton.store.Boards;
import dev.baton.store.EventCodec;
import static dev.baton.store.Boards.BOARD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.LoggedEvent;
import dev.baton.core.Handoff;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What baton writes is valid git: fsck is clean, and the board survives gc unchanged. */
class BoardIntegrityTest {

    @TempDir
    Path tmp;

    @Test
    void fsckIsCleanAfterAFullLifecycleAndTheBoardSurvivesGc() throws Exception {
        TempRepo repo = TempRepo.create(tmp);
        String merged;
        try (Session lead = repo.session("lead"); Session a = repo.session("agent-a");
             Session c = repo.session("agent-c"); Session reviewer = repo.session("reviewer")) {
            lead.maintenance().init();
            String ta = lead.transitions().spawn(SpawnRequest.of("Add feature")).task().id();
            String tb = lead.transitions().spawn(SpawnRequest.of("Maybe later")).task().id();
            String tc = lead.transitions().spawn(SpawnRequest.of("Risky change").withSpec("spec\nin two lines")
                    .withPriority(0).withLabels(List.of("risky"))).task().id();

            a.transitions().claim(ta, null);
            Started started = a.transitions().start(ta, null, null);
            Path wt = Path.of(started.workspace().path());
            TempRepo.commitFileIn(wt, "feature.txt", "feature\n", "add feature");
            a.transitions().done(ta, null, Handoff.summary("feature added"));
            reviewer.transitions().reject(ta, "add a second line", null);
            TempRepo.commitFileIn(wt, "feature.txt", "feature\nsecond line\n", "second line");
            a.transitions().done(ta, null, new Handoff("second line added", "feature.txt", null, null, null));
            reviewer.transitions().approve(ta);
            merged = reviewer.merging().merge(ta).task().mergedCommit();

            lead.transitions().cancel(tb, "not needed", false);

            c.transitions().claim(tc, null);
            c.transitions().start(tc, null, null);
            c.transitions().fail(tc, null, "cannot do it", Handoff.summary("tried twice"));
            lead.transitions().retry(tc);

            assertThat(lead.board().task(ta).state()).isEqualTo(TaskState.COMPLETED);
            assertThat(lead.board().task(tb).state()).isEqualTo(TaskState.CANCELLED);
            assertThat(lead.board().task(tc).state()).isEqualTo(TaskState.QUEUED);
            assertThat(lead.board().task(tc).attempt()).isEqualTo(2);
        }
        assertThat(repo.rev("main")).isEqualTo(merged);
        assertFsckClean(repo);

        List<Task> tasksBefore = allTasks(repo);
        List<LoggedEvent> logBefore = log(repo);
        int commitsBefore = countBoardCommits(repo);
        String tipBefore = repo.rev(BOARD);
        assertThat(commitsBefore).isEqualTo(1 + 3 + 7 + 1 + 4); // init, spawns, A's seven steps, cancel, C's four
        assertThat(Boards.looseObjects(repo)).isPositive();

        repo.git("gc", "--prune=now", "--quiet");

        assertThat(Boards.looseObjects(repo)).as("gc packed every object").isZero();
        assertThat(Files.readString(repo.dir().resolve(".git/packed-refs"))).contains(BOARD);
        assertThat(repo.dir().resolve(".git/" + BOARD)).doesNotExist();
        assertFsckClean(repo);

        assertThat(repo.rev(BOARD)).isEqualTo(tipBefore);
        assertThat(allTasks(repo)).isEqualTo(tasksBefore);
        assertThat(log(repo)).isEqualTo(logBefore);
        assertThat(countBoardCommits(repo)).isEqualTo(commitsBefore);

        // and the packed ref still moves by compare-and-swap
        try (Session lead = repo.session("lead")) {
            lead.transitions().spawn(SpawnRequest.of("after gc")).task();
        }
        assertThat(countBoardCommits(repo)).isEqualTo(commitsBefore + 1);
        assertThat(repo.rev(BOARD + "^")).isEqualTo(tipBefore);
        assertThat(allTasks(repo)).hasSize(tasksBefore.size() + 1);
        assertFsckClean(repo);
    }

    private static void assertFsckClean(TempRepo repo) {
        Run r = repo.tryGit("fsck", "--strict", "--full", "--no-progress");
        assertThat(r.exit()).as("git fsck --strict:\n%s%s", r.err(), r.out()).isZero();
        assertThat(r.err()).doesNotContainIgnoringCase("error").doesNotContainIgnoringCase("warning");
        assertThat(r.out()).doesNotContainIgnoringCase("error").doesNotContainIgnoringCase("warning")
                .doesNotContain("missing").doesNotContain("broken");
    }

    private static List<Task> allTasks(TempRepo repo) {
        try (Session c = repo.session("reader")) {
            return c.board().read(s -> s.all().stream().sorted(Comparator.comparing(Task::id)).toList());
        }
    }

    private static List<LoggedEvent> log(TempRepo repo) {
        try (Session c = repo.session("reader")) {
            return c.board().log(null, 0);
        }
    }

    /** Walks the board's whole history with JGit, checking it is one chain down to a single root. */
    private static int countBoardCommits(TempRepo repo) throws Exception {
        try (Repository r = repo.openRepository(); RevWalk walk = new RevWalk(r)) {
            walk.markStart(walk.parseCommit(r.resolve(BOARD)));
            List<RevCommit> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                assertThat(commit.getParentCount()).isLessThanOrEqualTo(1);
                EventCodec.decode(commit.getFullMessage()); // every one is a board commit
                commits.add(commit);
            }
            assertThat(commits.get(commits.size() - 1).getParentCount()).isZero();
            assertThat(commits.stream().filter(x -> x.getParentCount() == 0)).hasSize(1);
            return commits.size();
        }
    }
}

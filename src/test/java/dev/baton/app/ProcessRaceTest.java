package dev.baton.app;

import dev.baton.store.EventCodec;
import dev.baton.store.Snapshot;
import static dev.baton.store.Boards.BOARD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.LoggedEvent;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes (child JVMs, not threads) writing the board at the same moment: compare-and-swap lets exactly one
 * claim win and loses no spawn.
 */
class ProcessRaceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int CLAIMERS = 8;
    private static final int ROUNDS = 2;

    @TempDir
    Path tmp;

    @Test
    void eightProcessesClaimingOneTaskLeaveExactlyOneOwner() {
        TempRepo repo = TempRepo.create(tmp);
        try (Session lead = repo.session("lead")) {
            lead.maintenance().init();
        }
        for (int round = 1; round <= ROUNDS; round++) {
            String id;
            try (Session lead = repo.session("lead")) {
                id = lead.transitions().spawn(SpawnRequest.of("contended " + round)).task().id();
            }
            String tipBefore = repo.rev(BOARD);
            List<List<String>> args = new ArrayList<>();
            for (int i = 1; i <= CLAIMERS; i++) {
                args.add(List.of(repo.dir().toString(), "agent-" + i, id));
            }
            List<Run> results = TempRepo.race(tmp.resolve("children"), ClaimOnce.class, args, TIMEOUT);

            List<Integer> winners = IntStream.range(0, CLAIMERS).filter(i -> results.get(i).exit() == 0)
                    .boxed().toList();
            assertThat(winners).as("round %d: processes that claimed %s; results %s", round, id, results).hasSize(1);
            String winner = "agent-" + (winners.get(0) + 1);
            assertThat(results.get(winners.get(0)).out())
                    .contains("claimed " + id + " as " + winner + " at epoch 1");
            for (int i = 0; i < CLAIMERS; i++) {
                if (i != winners.get(0)) {
                    Run loser = results.get(i);
                    assertThat(loser.exit()).as("round %d, agent-%d: %s", round, i + 1, loser).isEqualTo(1);
                    assertThat(loser.err()).contains(id + " is already claimed by " + winner + " (epoch 1)");
                }
            }

            try (Session reader = repo.session("reader")) {
                Task t = reader.board().task(id);
                assertThat(t.state()).isEqualTo(TaskState.ASSIGNED);
                assertThat(t.assignee()).isEqualTo(winner);
                assertThat(t.epoch()).isEqualTo(1);
                // one claim commit, straight on top of the spawn
                List<LoggedEvent> events = reader.board().log(id, 0);
                assertThat(events).extracting(e -> e.event().command().name()).containsExactly("claim", "spawn");
                assertThat(events.get(0).event().actor()).isEqualTo(winner);
            }
            assertThat(repo.rev(BOARD + "^")).isEqualTo(tipBefore);
        }
        assertThat(repo.git("rev-list", "--count", BOARD).strip()).isEqualTo(Integer.toString(1 + 2 * ROUNDS));
    }

    @Test
    void fourProcessesSpawningAtOnceLoseNoTask() throws Exception {
        TempRepo repo = TempRepo.create(tmp);
        try (Session lead = repo.session("lead")) {
            lead.maintenance().init();
        }
        int processes = 4;
        int each = 12;
        List<List<String>> args = new ArrayList<>();
        for (int i = 1; i <= processes; i++) {
            args.add(List.of(repo.dir().toString(), "spawner-" + i, Integer.toString(each)));
        }
        List<Run> results = TempRepo.race(tmp.resolve("children"), SpawnMany.class, args, TIMEOUT);

        Set<String> printed = new HashSet<>();
        for (Run r : results) {
            assertThat(r.exit()).as("%s", r).isZero();
            List<String> ids = r.out().lines().toList();
            assertThat(ids).hasSize(each);
            printed.addAll(ids);
        }
        assertThat(printed).hasSize(processes * each);

        try (Session reader = repo.session("reader")) {
            List<Task> all = reader.board().read(Snapshot::all);
            assertThat(all).hasSize(processes * each);
            assertThat(all).extracting(Task::id).containsExactlyInAnyOrderElementsOf(printed);
            assertThat(reader.board().open()).hasSize(processes * each);
            Map<String, Long> perSpawner = all.stream()
                    .collect(Collectors.groupingBy(Task::createdBy, Collectors.counting()));
            assertThat(perSpawner).hasSize(processes).allSatisfy((who, n) -> assertThat(n).isEqualTo(each));
            for (Task t : all) {
                assertThat(t.title()).startsWith(t.createdBy() + " #");
            }
        }

        // one linear chain: init and one commit per spawn, every one on top of the one before
        try (Repository r = repo.openRepository(); RevWalk walk = new RevWalk(r)) {
            walk.markStart(walk.parseCommit(r.resolve(BOARD)));
            List<RevCommit> chain = new ArrayList<>();
            for (RevCommit c : walk) {
                chain.add(c);
            }
            assertThat(chain).hasSize(1 + processes * each);
            for (int i = 0; i < chain.size() - 1; i++) {
                assertThat(chain.get(i).getParents()).containsExactly(chain.get(i + 1));
            }
            assertThat(chain.get(chain.size() - 1).getParentCount()).isZero();
            Collection<String> spawned = chain.subList(0, chain.size() - 1).stream()
                    .map(c -> EventCodec.decode(c.getFullMessage()).orElseThrow().taskId()).toList();
            assertThat(spawned).containsExactlyInAnyOrderElementsOf(printed);
        }
    }
}

// Contention benchmark (issue 3): N long-lived processes each loop claim --next on one board; this is one of them.
// Run with the single-file source launcher against a built jar (bench/contention.sh starts N of them):
//
//     java -cp target/baton.jar bench/ClaimBench.java prepare REPO QUEUED
//     java -cp target/baton.jar bench/ClaimBench.java run REPO START_EPOCH_MS WARMUP_S MEASURE_S ACTOR [noreap]
//
// prepare: makes REPO (git init, one commit, baton init) and spawns QUEUED tasks in one commit (Session.spawnBatch).
// run: waits until START_EPOCH_MS (so that all processes begin together and JVM start-up is outside the window),
// then loops what Session.claimNext does -- reapExpired(), then one BoardStore.apply whose decider takes the
// first task of ReadyQueue.ready and decides a Claim on it -- written out here only so that Applied.attempts() is
// visible (claimNext returns the task, not the Applied). Claims in the first WARMUP_S seconds are not counted.
// With "noreap" the reapExpired() call is left out (to show what it costs). Prints one line:
//   RESULT actor=.. claims=.. attempts=.. retries=.. seconds=.. cpu_ms=.. rejected=..
import dev.baton.app.Session;
import dev.baton.core.Claim;
import dev.baton.core.ReadyQueue;
import dev.baton.core.Rejection;
import dev.baton.core.Task;
import dev.baton.store.Applied;
import dev.baton.store.Backoff;
import dev.baton.store.BoardStore;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

public final class ClaimBench {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(new File(args[1]), Integer.parseInt(args[2]));
            case "run" -> run(new File(args[1]), Long.parseLong(args[2]), Double.parseDouble(args[3]),
                    Double.parseDouble(args[4]), args[5], args.length > 6 && args[6].equals("noreap"));
            default -> throw new IllegalArgumentException("prepare|run");
        }
    }

    static Repository open(File dir) throws Exception {
        return new FileRepositoryBuilder().setGitDir(new File(dir, ".git")).setMustExist(true).build();
    }

    static void prepare(File dir, int queued) throws Exception {
        try (Git git = Git.init().setDirectory(dir).setInitialBranch("main").call()) {
            git.commit().setMessage("root").setAllowEmpty(true).setSign(false)
                    .setAuthor("bench", "bench@example.com").setCommitter("bench", "bench@example.com").call();
        }
        try (Repository repo = open(dir); Session c = new Session(repo, Clock.systemUTC(), "bench-setup")) {
            c.maintenance().init();
            List<dev.baton.app.SpawnRequest> reqs = new ArrayList<>();
            for (int i = 0; i < queued; i++) {
                reqs.add(new dev.baton.app.SpawnRequest("Contention task " + i, "Spec of task " + i, null, 2,
                        List.of("bench"), "main", null));
            }
            c.transitions().spawnBatch(reqs);
        }
    }

    static void run(File dir, long startAt, double warmup, double measure, String actor, boolean noReap)
            throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        try (Repository repo = open(dir); Session c = new Session(repo, Clock.systemUTC(), actor)) {
            c.onWarning(w -> { });
            BoardStore store = new BoardStore(repo, Clock.systemUTC(), Backoff.configured(), new dev.baton.store.LocalTransport(repo));
            long seconds = 900;
            c.board().ready(null); // load classes before the start line
            long wait = startAt - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            long t0 = System.nanoTime();
            long warmEnd = t0 + (long) (warmup * 1e9);
            long end = warmEnd + (long) (measure * 1e9);
            long claims = 0, attempts = 0, rejected = 0, maxAttempts = 0;
            long cpu0 = threads.getCurrentThreadCpuTime();
            while (System.nanoTime() < end) {
                try {
                    if (!noReap) {
                        c.leases().reapExpired();
                    }
                    Applied a = store.apply((board, at) -> {
                        Optional<Task> next = ReadyQueue.ready(board, null, at).stream().findFirst();
                        if (next.isEmpty()) {
                            return Rejection.refused("nothing ready");
                        }
                        return new Claim(next.get().id(), seconds).decide(board, actor, at);
                    });
                    if (System.nanoTime() >= warmEnd) { // counted: the claims that complete inside the window
                        claims++;
                        attempts += a.attempts();
                        maxAttempts = Math.max(maxAttempts, a.attempts());
                    } else {
                        cpu0 = threads.getCurrentThreadCpuTime();
                    }
                } catch (RuntimeException e) {
                    rejected++;
                    if (String.valueOf(e.getMessage()).contains("nothing ready")) {
                        System.err.println("ClaimBench: queue ran dry");
                        break;
                    }
                    System.err.println("ClaimBench: " + e);
                }
            }
            long m0 = warmEnd;
            long m1 = System.nanoTime();
            long cpu1 = threads.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "RESULT actor=%s claims=%d attempts=%d retries=%d max_attempts=%d "
                            + "seconds=%.3f cpu_ms=%d rejected=%d%n", actor, claims, attempts, attempts - claims,
                    maxAttempts, (m1 - m0) / 1e9, (cpu1 - cpu0) / 1_000_000, rejected);
        }
    }
}

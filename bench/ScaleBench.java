// Scale benchmark (issue 4), in process. Run with the source launcher against a built jar (bench/scale.sh runs it):
//
//     java -cp target/baton.jar bench/ScaleBench.java build DIR TASKS QUEUED
//     java -cp target/baton.jar bench/ScaleBench.java inproc DIR WARMUP REPS
//
// build: a repository whose board holds TASKS tasks: TASKS - QUEUED COMPLETED (records as a full spawn -> claim ->
//   start -> done -> approve -> merge leaves them) and QUEUED QUEUED tasks, every second of which waits for the one
//   before it (so half of them are ready). Written in ONE commit through public API: a BoardStore.Decider returns one
//   Transition whose change list is every record, laid out by the store's own BoardWriter (the tree N transitions
//   would leave; only the history is shorter). Prints "COMPLETED <id>" and "QUEUED <id>" samples.
// inproc: one Session (what one CLI call builds), then WARMUP untimed rounds and REPS timed rounds of
//   ready -> claim --next (Session.claimNext) -> show (Session.task of the claimed task) -> one transition
//   (Session.requeue of that task, ASSIGNED -> QUEUED, which also puts the board back as it was).
//   Prints "RESULT op=.. median_ms=.. p90_ms=.." and the heap used after a full GC.
import dev.baton.app.Session;
import dev.baton.core.Approve;
import dev.baton.core.Claim;
import dev.baton.core.Done;
import dev.baton.core.Handoff;
import dev.baton.core.Merge;
import dev.baton.core.Outcome;
import dev.baton.core.Reject;
import dev.baton.core.Spawn;
import dev.baton.core.SpawnBatch;
import dev.baton.core.Start;
import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.Transition;
import dev.baton.store.BoardStore;
import dev.baton.store.FastImportHistory;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

public final class ScaleBench {
    static final String WORKER = "bench-worker";
    static final long LEASE = 900;
    static final String MERGED = "0123456789abcdef0123456789abcdef01234567";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "build" -> build(new File(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "history" -> history(new File(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
            case "inproc" -> inproc(new File(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("build|history|inproc");
        }
    }

    static Repository open(File dir) throws Exception {
        return new FileRepositoryBuilder().setGitDir(new File(dir, ".git")).setMustExist(true).build();
    }

    static void build(File dir, int n, int queued) throws Exception {
        init(dir);
        Random random = new Random(42);
        Set<String> ids = new HashSet<>();
        Instant t = Instant.now().minus(Duration.ofDays(400));
        long started = System.nanoTime();
        try (FastImportHistory bulk = new FastImportHistory(dir, tip(dir))) {
            List<Spawn> batch = new ArrayList<>();
            for (int i = 0; i < n - queued; i++) {
                batch.add(spawn(newId(random, ids), "Scale task " + i + ": implement part " + i + " of the feature",
                        List.of()));
            }
            Transition spawned = (Transition) bulk.apply(new SpawnBatch(batch), LEAD, t);
            progress("spawned " + batch.size() + " in one batch", started);
            int done = 0;
            for (Spawn s : batch) {
                t = t.plusSeconds(1);
                String id = s.id();
                long epoch = ((Transition) bulk.apply(new Claim(id, LEASE), WORKER, t)).task().epoch();
                must(bulk.apply(new Start(id, epoch, "main", LEASE), WORKER, t));
                must(bulk.apply(new Done(id, epoch, Handoff.summary("Did " + id + "; tests pass.")), WORKER, t));
                must(bulk.apply(new Approve(id), REVIEWER, t));
                must(bulk.apply(new Merge(id, MERGED), MERGER, t));
                if (++done % 10_000 == 0) {
                    progress(done + " completed", started);
                }
            }
            String last = spawnQueued(bulk, random, ids, queued, t);
            progress("built: " + bulk.written() + " transitions", started);
            System.out.println("COMPLETED " + batch.get(0).id());
            System.out.println("QUEUED " + last);
            System.out.println("TRANSITIONS " + (bulk.written() + 1));
            if (spawned.changes().size() != batch.size()) {
                throw new IllegalStateException("batch spawned " + spawned.changes().size());
            }
        }
    }

    /**
     * A long history on a board of constant size: {@code tasks} tasks are claimed and started, then go back and forth
     * between review and work (done, reject by a reviewer: neither makes a record grow) until the board has about
     * {@code transitions} transitions; then 200 QUEUED tasks, every second one waiting for the one before it, for the
     * measured operations to take. Only the length of the history differs between a short and a long run.
     */
    static void history(File dir, int tasks, long transitions) throws Exception {
        init(dir);
        Random random = new Random(7);
        Set<String> ids = new HashSet<>();
        long rounds = Math.max(2, (transitions - 201) / tasks);
        rounds += rounds % 2; // an even number of rounds leaves every task WORKING
        Instant t = Instant.now().minusMillis(rounds * tasks + 60_000);
        long started = System.nanoTime();
        try (FastImportHistory bulk = new FastImportHistory(dir, tip(dir))) {
            List<Spawn> batch = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                batch.add(spawn(newId(random, ids), "History task " + i, List.of()));
            }
            must(bulk.apply(new SpawnBatch(batch), LEAD, t));
            long[] epoch = new long[tasks];
            for (long r = 0; r < rounds; r++) {
                for (int i = 0; i < tasks; i++) {
                    t = t.plusMillis(1);
                    String id = batch.get(i).id();
                    if (r == 0) {
                        epoch[i] = ((Transition) bulk.apply(new Claim(id, DAY), WORKER, t)).task().epoch();
                    } else if (r == 1) {
                        must(bulk.apply(new Start(id, epoch[i], "main", DAY), WORKER, t));
                    } else if (r % 2 == 0) {
                        must(bulk.apply(new Done(id, epoch[i], Handoff.summary("round " + r)), WORKER, t));
                    } else {
                        must(bulk.apply(new Reject(id, "round " + r + ": once more", DAY), REVIEWER, t));
                    }
                }
                if ((r + 1) % 50 == 0) {
                    progress(bulk.written() + " transitions", started);
                }
            }
            String last = spawnQueued(bulk, random, ids, 200, t);
            progress("built: " + bulk.written() + " transitions", started);
            System.out.println("COMPLETED none");
            System.out.println("QUEUED " + last);
            System.out.println("TRANSITIONS " + (bulk.written() + 1));
        }
    }

    /** {@code n} QUEUED tasks, a minute apart, every second one waiting for the one before it; returns the last id. */
    static String spawnQueued(FastImportHistory bulk, Random random, Set<String> ids, int n, Instant t) throws Exception {
        String previous = null;
        for (int q = 0; q < n; q++) {
            t = t.plusSeconds(60);
            String id = newId(random, ids);
            must(bulk.apply(spawn(id, "Queued task " + q, q % 2 == 1 ? List.of(previous) : List.of()), LEAD, t));
            previous = id;
        }
        return previous;
    }

    static final String LEAD = "bench-lead";
    static final String REVIEWER = "bench-reviewer";
    static final String MERGER = "bench-merger";
    static final long DAY = 86_400;

    static void init(File dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir).setInitialBranch("main").call()) {
            git.commit().setMessage("root").setAllowEmpty(true).setSign(false)
                    .setAuthor("bench", "bench@example.com").setCommitter("bench", "bench@example.com").call();
        }
        try (Repository repo = open(dir)) {
            new BoardStore(repo, Clock.systemUTC()).init(LEAD);
        }
    }

    static String tip(File dir) throws Exception {
        try (Repository repo = open(dir)) {
            return repo.exactRef("refs/baton/board").getObjectId().name();
        }
    }

    static String newId(Random random, Set<String> ids) {
        String id;
        do {
            id = TaskIds.random(random);
        } while (!ids.add(id));
        return id;
    }

    static Spawn spawn(String id, String title, List<String> after) {
        return new Spawn(id, title, "Generated by bench/ScaleBench.java.\nA paragraph of spec, as a real task would carry.",
                null, 2, List.of("bench"), "main", LEASE, after, null, null, null);
    }

    static void must(Outcome o) {
        if (!(o instanceof Transition)) {
            throw new IllegalStateException("expected a transition, got " + o);
        }
    }

    static void progress(String what, long startedNanos) {
        System.err.printf(Locale.ROOT, "scale: %s (%.0f s)%n", what, (System.nanoTime() - startedNanos) / 1e9);
    }

    interface Op {
        Object run() throws Exception;
    }

    static void inproc(File dir, int warmup, int reps) throws Exception {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (String op : List.of("ready", "claim_next", "show", "transition")) {
            times.put(op, new ArrayList<>());
        }
        try (Repository repo = open(dir); Session c = new Session(repo, Clock.systemUTC(), WORKER)) {
            c.onWarning(w -> { });
            for (int r = 0; r < warmup + reps; r++) {
                boolean keep = r >= warmup;
                time(times, keep, "ready", () -> c.board().ready(null));
                Task claimed = (Task) time(times, keep, "claim_next", () -> c.transitions().claimNext(null, null));
                time(times, keep, "show", () -> c.board().task(claimed.id()));
                time(times, keep, "transition", () -> c.transitions().requeue(claimed.id(), claimed.epoch(), null));
            }
            // with the repository still open: what a process working on this board holds (JGit keeps the pack
            // indexes it has read in memory, whole)
            System.gc();
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.printf(Locale.ROOT, "HEAP used_after_gc_mb=%.1f%n", heap.getUsed() / 1048576.0);
        }
        for (var e : times.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            v.sort(null);
            List<Double> u = new ArrayList<>(cpu.get(e.getKey()));
            u.sort(null);
            System.out.printf(Locale.ROOT, "RESULT op=%s median_ms=%.2f p90_ms=%.2f cpu_median_ms=%.2f n=%d%n",
                    e.getKey(), v.get(v.size() / 2), v.get((int) Math.min(v.size() - 1, Math.ceil(v.size() * 0.9) - 1)),
                    u.get(u.size() / 2), v.size());
        }
    }

    static final java.lang.management.ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static final Map<String, List<Double>> cpu = new LinkedHashMap<>();

    static Object time(Map<String, List<Double>> times, boolean keep, String op, Op body) throws Exception {
        long c = CPU.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        Object o = body.run();
        if (keep) {
            times.get(op).add((System.nanoTime() - t) / 1e6);
            cpu.computeIfAbsent(op, k -> new ArrayList<>()).add((CPU.getCurrentThreadCpuTime() - c) / 1e6);
        }
        return o;
    }
}

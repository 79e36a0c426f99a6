// In-process benchmark of board transitions: what one transition on refs/baton/board costs on a board of 100 tasks
// and on a board of 10,000 tasks.
//
// Run it with the single-file source launcher against a built jar (no other build step):
//
//     java -cp target/baton.jar bench/BoardBench.java [options]
//
// bench/run.sh runs it (and the CLI timings) and writes docs/benchmarks.md. Options:
//
//     --sizes 100,10000      board sizes (tasks on the board before measuring)
//     --open 20              open tasks on the "mostly closed" boards; the rest are COMPLETED
//     --rounds 12            measured rounds; every round runs every benchmark once, sizes interleaved
//     --transitions 40       transitions per benchmark and round (whole cycles, so a few more for lifecycle); the
//                            same work at every size, so records that grow (a task's attempt history) grow alike
//     --warmup-rounds 3      rounds run first and thrown away (JIT warm-up, page cache)
//     --populate bulk|each   bulk: the populated board is written as one transition of N task records (default);
//                            each: one transition per task (N commits, a realistic history; slower)
//     --scenarios rotate,lifecycle,all-open,queue
//     --dir DIR              make the repositories under DIR and keep them (default: a temp dir, deleted)
//     --seed 42              task ids are drawn from this seed
//
// Workloads (each on its own repository; docs/benchmarks.md explains them):
//     rotate     claim → start → fail → retry over the 20 open tasks of a board whose other tasks are COMPLETED
//     lifecycle  spawn → claim → start → done → approve → merge of new tasks on such a board
//     all-open   rotate on a board whose N tasks are all QUEUED
//     queue      lifecycle on that all-QUEUED board, claiming the first ready task (claim-next) instead of the new one
//
// It prints a human table and, for scripts, lines starting with "RESULT", "COMMAND", "RATIO" and "REPO" (key=value).
// It is not a unit test: the speed targets are checked by reading its figures, never by assertions.

import dev.baton.core.Approve;
import dev.baton.core.Claim;
import dev.baton.core.Command;
import dev.baton.core.Done;
import dev.baton.core.Event;
import dev.baton.core.Fail;
import dev.baton.core.Handoff;
import dev.baton.core.Merge;
import dev.baton.core.ReadyQueue;
import dev.baton.core.Rejection;
import dev.baton.core.Retry;
import dev.baton.core.Spawn;
import dev.baton.core.Start;
import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.TaskState;
import dev.baton.core.Transition;
import dev.baton.store.Applied;
import dev.baton.store.BoardStore;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

public final class BoardBench {

    static final String WORKER = "bench-worker";
    static final String REVIEWER = "bench-reviewer";
    static final long LEASE = 900;
    static final String MERGED = "0123456789abcdef0123456789abcdef01234567";
    static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)); // what the CLI records

    // ---- options ---------------------------------------------------------------------------------------------

    static int[] sizes = {100, 10_000};
    static int open = 20;
    static int rounds = 12;
    static int perRound = 40;
    static int warmupRounds = 3;
    static String populate = "bulk";
    static List<String> scenarios = List.of("rotate", "lifecycle", "all-open", "queue");
    static File dir;
    static boolean keep;
    static long seed = 42;

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--sizes" -> { sizes = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray(); i++; }
                case "--open" -> { open = Integer.parseInt(v); i++; }
                case "--rounds" -> { rounds = Integer.parseInt(v); i++; }
                case "--transitions" -> { perRound = Integer.parseInt(v); i++; }
                case "--warmup-rounds" -> { warmupRounds = Integer.parseInt(v); i++; }
                case "--populate" -> { populate = v; i++; }
                case "--scenarios" -> { scenarios = List.of(v.split(",")); i++; }
                case "--dir" -> { dir = new File(v); keep = true; i++; }
                case "--seed" -> { seed = Long.parseLong(v); i++; }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!populate.equals("bulk") && !populate.equals("each")) {
            throw new IllegalArgumentException("--populate is bulk or each");
        }
        if (dir == null) {
            dir = Files.createTempDirectory("baton-bench").toFile();
        }
        dir.mkdirs();
        System.out.printf(Locale.ROOT, "# JVM %s %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"));
        System.out.printf(Locale.ROOT, "# JVM options %s, %d CPUs, max heap %d MB%n",
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "# JGit %s, populate=%s, open=%d, rounds=%d of %d transitions per benchmark "
                + "(+%d warm-up rounds)%n", jgitVersion(), populate, open, rounds, perRound, warmupRounds);

        System.out.println("# load average at the start: " + loadAverage());
        Random random = new Random(seed);
        List<Bench> benches = new ArrayList<>();
        Map<String, Board> built = new HashMap<>(); // boards already made, by size and number of open tasks
        try {
            for (String scenario : scenarios) {
                for (int n : sizes) {
                    long t0 = System.nanoTime();
                    Bench b = switch (scenario) {
                        case "rotate" -> new Rotate(board("closed", n, Math.min(open, n), random, built), n);
                        case "lifecycle" -> new Lifecycle(board("lifecycle", n, Math.min(open, n), random, built), n,
                                random, false);
                        case "all-open" -> new Rotate(board("open", n, n, random, built), n);
                        case "queue" -> new Lifecycle(board("queue", n, n, random, built), n, random, true);
                        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                    };
                    b.scenario = scenario;
                    System.out.printf(Locale.ROOT, "# built %s board of %d tasks in %.1f s (%s)%n", scenario, n,
                            (System.nanoTime() - t0) / 1e9, b.board.dir);
                    benches.add(b);
                }
            }
            for (int r = 0; r < warmupRounds + rounds; r++) {
                boolean measured = r >= warmupRounds;
                // every other round runs the benchmarks in reverse, so that neither size always goes first
                List<Bench> order = new ArrayList<>(benches);
                if (r % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (Bench b : order) {
                    b.round(perRound, measured);
                }
                System.out.printf(Locale.ROOT, "# %s round %d done%n", measured ? "measured" : "warm-up", r + 1);
            }
            System.out.println("# load average at the end: " + loadAverage());
            report(benches);
        } finally {
            for (Bench b : benches) {
                b.board.repo.close();
            }
            if (!keep) {
                deleteTree(dir.toPath());
            }
        }
    }

    // ---- boards ----------------------------------------------------------------------------------------------

    /** A repository with a board of {@code n} tasks: {@code openCount} QUEUED, the rest COMPLETED. */
    record Board(File dir, Repository repo, BoardStore store, List<String> openIds, List<String> closedIds) {
    }

    static Board board(String kind, int n, int openCount, Random random, Map<String, Board> built) throws Exception {
        File d = new File(dir, kind + "-" + n);
        deleteTree(d.toPath());
        Board same = built.get(n + "/" + openCount);
        if (same != null) {
            // the same board again: copy the repository rather than write thousands of objects a second time
            copyTree(same.dir.toPath(), d.toPath());
            Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                    .setGitDir(new File(d, ".git")).setMustExist(true).build();
            return new Board(d, repo, new BoardStore(repo, CLOCK), new ArrayList<>(same.openIds), same.closedIds);
        }
        Board b = populate(d, n, openCount, random);
        built.put(n + "/" + openCount, b);
        return b;
    }

    static Board populate(File d, int n, int openCount, Random random) throws Exception {
        Repository repo;
        try (Git git = Git.init().setDirectory(d).setInitialBranch("main").call()) {
            repo = git.getRepository();
        }
        repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(new File(d, ".git"))
                .setMustExist(true).build();
        BoardStore store = new BoardStore(repo, CLOCK);
        store.init(WORKER);
        Set<String> ids = new HashSet<>();
        List<Task> tasks = new ArrayList<>(n);
        Instant t0 = CLOCK.instant().minus(Duration.ofDays(30));
        for (int i = 0; i < n; i++) {
            String id;
            do {
                id = TaskIds.random(random);
            } while (!ids.add(id));
            Instant created = t0.plusSeconds(60L * i);
            boolean isOpen = i >= n - openCount;
            tasks.add(isOpen ? queued(id, i, created) : completed(id, i, created));
        }
        if (populate.equals("bulk")) {
            // One transition whose change list is every task: the same tree a long history would leave, written by the
            // store's own code (BoardStore.apply -> BoardWriter.nextTree), in one commit.
            Task first = tasks.get(0);
            Event event = new Event(spawnOf(first), WORKER, CLOCK.instant(), first.id(), first.title(), null,
                    first.state(), first.epoch());
            store.apply((board, now) -> new Transition(event, tasks));
        } else {
            for (Task t : tasks) {
                Event event = new Event(spawnOf(t), WORKER, CLOCK.instant(), t.id(), t.title(), null, t.state(),
                        t.epoch());
                store.apply((board, now) -> new Transition(event, List.of(t)));
            }
        }
        List<String> openIds = tasks.stream().filter(t -> t.state() == TaskState.QUEUED).map(Task::id).toList();
        List<String> closedIds = tasks.stream().filter(t -> t.state() == TaskState.COMPLETED).map(Task::id).toList();
        return new Board(d, repo, store, new ArrayList<>(openIds), closedIds);
    }

    static Spawn spawnOf(Task t) {
        return new Spawn(t.id(), t.title(), t.spec(), null, t.priority(), t.labels(), t.base(), LEASE);
    }

    static Task queued(String id, int i, Instant created) {
        return Task.builder(id, "Benchmark task " + i + ": implement part " + i + " of the feature")
                .spec("Generated by bench/BoardBench.java.\nA paragraph of spec, as a real task would carry.")
                .labels(List.of("bench")).createdBy(WORKER).createdAt(created).moveTo(TaskState.QUEUED, created)
                .build();
    }

    /** A task as a full spawn → claim → start → done → approve → merge life leaves it. */
    static Task completed(String id, int i, Instant created) {
        Instant done = created.plusSeconds(1800);
        return queued(id, i, created).edit().base("main").grant(WORKER, created.plusSeconds(5),
                        created.plusSeconds(5 + LEASE)).leaseUntil(null)
                .handoff(Handoff.summary("Did part " + i + "; tests pass."))
                .mergedCommit(MERGED).moveTo(TaskState.COMPLETED, done).build();
    }

    // ---- workloads -------------------------------------------------------------------------------------------

    abstract static class Bench {
        final Board board;
        final int size;
        String scenario;
        final List<Long> latencies = new ArrayList<>();
        final List<Long> cpuTimes = new ArrayList<>();
        final Map<String, List<Long>> byCommand = new java.util.TreeMap<>(); // command name -> wall times
        long measuredNanos;
        long transitions;
        long attempts;
        final Map<Integer, long[]> objects = new HashMap<>(); // type -> {count, stored bytes, raw bytes}

        Bench(Board board, int size) {
            this.board = board;
            this.size = size;
        }

        /** One cycle of transitions, each timed with {@link #apply}. */
        abstract void cycle();

        /** Transitions in one cycle. */
        abstract int cycleLength();

        void round(int count, boolean measured) {
            Set<String> before = measured ? looseObjects(board.dir) : null;
            int mark = latencies.size();
            long appliedBefore = transitions;
            long attemptsBefore = attempts;
            int cycles = Math.max(1, (count + cycleLength() - 1) / cycleLength());
            long start = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                cycle();
            }
            long elapsed = System.nanoTime() - start;
            if (measured) {
                measuredNanos += elapsed;
                countNewObjects(before);
            } else {
                latencies.subList(mark, latencies.size()).clear();
                cpuTimes.subList(mark, cpuTimes.size()).clear();
                byCommand.clear(); // warm-up rounds all come before the measured ones
                transitions = appliedBefore;
                attempts = attemptsBefore;
            }
        }

        void apply(Command command, String actor) {
            timed(command.name(), () -> board.store.apply((b, now) -> command.decide(b, actor, now)));
        }

        /** Runs one write, recording its wall and CPU time under {@code name}. */
        Applied timed(String name, java.util.function.Supplier<Applied> write) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Applied a = write.get();
            long wall = System.nanoTime() - t0;
            latencies.add(wall);
            cpuTimes.add(THREADS.getCurrentThreadCpuTime() - c0);
            byCommand.computeIfAbsent(name, k -> new ArrayList<>()).add(wall);
            transitions++;
            attempts += a.attempts();
            return a;
        }

        void countNewObjects(Set<String> before) {
            Set<String> after = looseObjects(board.dir);
            after.removeAll(before);
            try (ObjectReader reader = board.repo.newObjectReader()) {
                for (String name : after) {
                    ObjectId id = ObjectId.fromString(name);
                    ObjectLoader loader = reader.open(id);
                    long stored = Files.size(new File(board.dir, ".git/objects/" + name.substring(0, 2) + "/"
                            + name.substring(2)).toPath());
                    long[] c = objects.computeIfAbsent(loader.getType(), k -> new long[3]);
                    c[0]++;
                    c[1] += stored;
                    c[2] += loader.getSize();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * claim → start → fail → retry on the board's open tasks in turn: the board keeps its size. (A fail adds an entry to
     * the task's attempt history, so these records grow a little during the run, by the same amount at every size.)
     */
    static final class Rotate extends Bench {
        private int next;

        Rotate(Board board, int size) {
            super(board, size);
        }

        @Override
        int cycleLength() {
            return 4;
        }

        @Override
        void cycle() {
            String id = board.openIds.get(next++ % Math.min(board.openIds.size(), open));
            apply(new Claim(id, LEASE), WORKER);
            apply(new Start(id, null, "main", LEASE), WORKER);
            apply(new Fail(id, null, "benchmark failure", null), WORKER);
            apply(new Retry(id), WORKER);
        }
    }

    /**
     * spawn → claim → start → done → approve → merge of a new task: the board grows by one COMPLETED task a cycle. With
     * {@code claimNext} the claim takes the first ready task of the queue instead, as {@code baton claim} without an id
     * does ({@code Session.claimNext}: {@code ReadyQueue.first}, then a claim), so the queue keeps its length.
     */
    static final class Lifecycle extends Bench {
        private final Random random;
        private final boolean claimNext;
        private int count;

        Lifecycle(Board board, int size, Random random, boolean claimNext) {
            super(board, size);
            this.random = new Random(random.nextLong());
            this.claimNext = claimNext;
        }

        @Override
        int cycleLength() {
            return 6;
        }

        @Override
        void cycle() {
            String id = TaskIds.random(random);
            count++;
            apply(new Spawn(id, "Lifecycle task " + count, "Spec of lifecycle task " + count, null, 2,
                    List.of("bench"), null, LEASE), WORKER);
            if (claimNext) {
                id = claimNext();
            } else {
                apply(new Claim(id, LEASE), WORKER);
            }
            apply(new Start(id, null, "main", LEASE), WORKER);
            apply(new Done(id, null, Handoff.summary("Did lifecycle task " + count + ".")), WORKER);
            apply(new Approve(id), REVIEWER);
            apply(new Merge(id, MERGED), REVIEWER);
        }

        /** Claims the first ready task, deciding on the tip like Session.claimNext; returns its id. */
        private String claimNext() {
            Applied a = timed("claim-next", () -> board.store.apply((b, now) -> {
                Optional<Task> next = ReadyQueue.first(b, null, now);
                return next.isEmpty() ? Rejection.refused("nothing ready")
                        : new Claim(next.get().id(), LEASE).decide(b, WORKER, now);
            }));
            return a.transition().task().id();
        }
    }

    // ---- reporting -------------------------------------------------------------------------------------------

    static void report(List<Bench> benches) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %7s %8s %12s %11s %10s %10s %10s %9s %12s%n", "scenario", "tasks",
                "after", "transitions", "per second", "median ms", "p90 ms", "cpu ms", "attempts", "bytes/trans");
        Map<String, Bench> base = new LinkedHashMap<>();
        for (Bench b : benches) {
            long[] sorted = b.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            double perSecond = b.transitions / (b.measuredNanos / 1e9);
            double median = percentile(sorted, 50) / 1e6;
            double p90 = percentile(sorted, 90) / 1e6;
            double cpu = percentile(b.cpuTimes.stream().mapToLong(Long::longValue).sorted().toArray(), 50) / 1e6;
            long stored = b.objects.values().stream().mapToLong(c -> c[1]).sum();
            long raw = b.objects.values().stream().mapToLong(c -> c[2]).sum();
            long count = b.objects.values().stream().mapToLong(c -> c[0]).sum();
            int after = taskCount(b);
            System.out.printf(Locale.ROOT, "%-10s %7d %8d %12d %11.1f %10.3f %10.3f %10.3f %9.3f %12.0f%n",
                    b.scenario, b.size, after, b.transitions, perSecond, median, p90, cpu,
                    (double) b.attempts / b.transitions,
                    (double) stored / b.transitions);
            StringBuilder types = new StringBuilder();
            for (var e : b.objects.entrySet()) {
                types.append(' ').append(Constants.typeString(e.getKey())).append("_objects=")
                        .append(fmt((double) e.getValue()[0] / b.transitions))
                        .append(' ').append(Constants.typeString(e.getKey())).append("_raw_bytes=")
                        .append(fmt((double) e.getValue()[2] / b.transitions));
            }
            System.out.printf(Locale.ROOT, "RESULT scenario=%s tasks=%d tasks_after=%d transitions=%d per_second=%.1f "
                            + "median_ms=%.3f p90_ms=%.3f cpu_median_ms=%.3f mean_ms=%.3f attempts=%.3f objects=%s stored_bytes=%s raw_bytes=%s%s%n",
                    b.scenario, b.size, after, b.transitions, perSecond, median, p90, cpu,
                    b.measuredNanos / 1e6 / b.transitions, (double) b.attempts / b.transitions,
                    fmt((double) count / b.transitions), fmt((double) stored / b.transitions),
                    fmt((double) raw / b.transitions), types);
            for (var e : b.byCommand.entrySet()) {
                long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "COMMAND scenario=%s tasks=%d command=%s count=%d median_ms=%.3f p90_ms=%.3f%n",
                        b.scenario, b.size, e.getKey(), v.length, percentile(v, 50) / 1e6, percentile(v, 90) / 1e6);
            }
            base.putIfAbsent(b.scenario, b);
        }
        for (Bench b : benches) {
            Bench small = base.get(b.scenario);
            if (b != small) {
                double ratio = median(b.latencies) / median(small.latencies);
                double cpuRatio = median(b.cpuTimes) / median(small.cpuTimes);
                System.out.printf(Locale.ROOT, "RATIO scenario=%s small=%d large=%d median_ratio=%.2f cpu_ratio=%.2f "
                                + "throughput_ratio=%.2f%n",
                        b.scenario, small.size, b.size, ratio, cpuRatio,
                        (small.transitions / (small.measuredNanos / 1e9)) / (b.transitions / (b.measuredNanos / 1e9)));
            }
        }
        for (Bench b : benches) {
            if (!b.board.closedIds.isEmpty() || !b.board.openIds.isEmpty()) {
                String id = b.board.closedIds.isEmpty() ? b.board.openIds.get(0)
                        : b.board.closedIds.get(b.board.closedIds.size() / 2);
                System.out.printf(Locale.ROOT, "REPO scenario=%s tasks=%d dir=%s id=%s%n", b.scenario, b.size,
                        b.board.dir, id);
            }
        }
    }

    static double median(List<Long> values) {
        return percentile(values.stream().mapToLong(Long::longValue).sorted().toArray(), 50);
    }

    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static int taskCount(Bench b) {
        try (var s = b.board.store.read()) {
            return s.all().size();
        }
    }

    static String jgitVersion() {
        try (var in = Repository.class.getResourceAsStream(
                "/META-INF/maven/org.eclipse.jgit/org.eclipse.jgit/pom.properties")) {
            if (in == null) {
                return "?";
            }
            var p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** The names (40 hex digits) of the loose objects in a repository. */
    static Set<String> looseObjects(File repoDir) {
        Set<String> out = new HashSet<>();
        File objects = new File(repoDir, ".git/objects");
        File[] fanout = objects.listFiles((d, name) -> name.length() == 2);
        if (fanout == null) {
            return out;
        }
        for (File f : fanout) {
            String[] names = f.list();
            if (names != null) {
                for (String name : names) {
                    if (name.length() == 38) {
                        out.add(f.getName() + name);
                    }
                }
            }
        }
        return out;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}

package dev.baton.demo;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.app.Coordinator;
import dev.baton.app.Repositories;
import dev.baton.app.TaskFilter;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code baton demo}: a scratch repository, an orchestrator that spawns tasks, and agents, a reviewer and a merger,
 * each a separate process running the baton CLI from a bash script, coordinating through the board alone. The agents
 * start by racing for the same task; the board lets exactly one of them have it.
 */
public final class Demo {

    /** What {@code baton demo} was asked for; {@code dir} null means a new temporary folder. */
    public record Options(Path dir, int agents, int tasks) {
        public Options {
            if (agents < 1 || agents > 10) {
                throw BatonException.usage("--agents: give a number from 1 to 10");
            }
            if (tasks < 1 || tasks > 30) {
                throw BatonException.usage("--tasks: give a number from 1 to 30");
            }
        }
    }

    private static final String ORCHESTRATOR = "orchestrator";
    private static final String BASE = "main";
    private static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    /**
     * However slow the machine, the demo ends: a script gives up once the board has not moved for this many spells
     * of five seconds in a row, and the demo stops whatever still runs at the deadline.
     */
    private static final int MAX_QUIET_SPELLS = 30;
    private static final Duration DEADLINE = Duration.ofMinutes(8);
    private static final int BOARD_LOG_LINES = 40;

    private final Options options;
    private final Narrator narrator;
    private final ChildJvm jvm = ChildJvm.current();
    private final List<Process> started = new CopyOnWriteArrayList<>();

    public Demo(Options options, PrintWriter out) {
        this.options = options;
        this.narrator = new Narrator(out);
    }

    /** Runs the demo; returns 0 when every task ended COMPLETED, and throws saying what went wrong otherwise. */
    public int run() {
        Path dir = scratchFolder();
        Thread stopper = new Thread(this::stopAll, "demo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return runIn(dir);
        } catch (IOException e) {
            throw BatonException.environment("demo: " + e.getMessage() + " (scratch repository: " + dir + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BatonException.environment("demo interrupted; the scratch repository is " + dir);
        } finally {
            stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private int runIn(Path dir) throws IOException, InterruptedException {
        List<String> agents = agentNames();
        narrator.print("baton demo: " + agents.size() + " agent" + (agents.size() == 1 ? "" : "s")
                + ", a reviewer and a merger share one board, refs/baton/board. Each is a process of its own:");
        narrator.print("a bash script calling the baton CLI, the way a coding agent would. Nothing else connects them.");

        narrator.heading("Setting up a scratch repository in " + dir);
        setUpRepository(dir);
        Path agentsDir = dir.resolve("agents");
        narrator.heading("The orchestrator sets up the board and spawns " + options.tasks() + " task"
                + (options.tasks() == 1 ? "" : "s") + " (baton init; baton spawn <title> --priority P --label L "
                + "--spec S); each task adds one file");
        List<Task> tasks = spawn(dir);
        DemoScripts.write(agentsDir, jvm);
        Task race = tasks.get(0);

        narrator.heading("Agents at work: " + String.join(", ", agents) + " (agents/agent.sh), reviewer "
                + "(agents/reviewer.sh), merger (agents/merger.sh)");
        Path go = agentsDir.resolve("go");
        Map<String, String> common = new LinkedHashMap<>();
        common.put("DEMO_BASE", BASE);
        common.put("DEMO_GO", go.toString());
        common.put("DEMO_MAX_IDLE", Integer.toString(MAX_QUIET_SPELLS));
        common.put("RACE_TASK", race.id());
        List<Thread> followers = new ArrayList<>();
        for (String agent : agents) {
            followers.add(launch(agent, DemoScripts.AGENT, dir, common));
        }
        followers.add(launch("reviewer", DemoScripts.REVIEWER, dir, common));
        followers.add(launch("merger", DemoScripts.MERGER, dir, common));
        Thread.sleep(200);
        narrator.say("demo", "go! every agent runs `baton claim " + race.id() + "` at the same moment");
        Files.writeString(go, "go\n");

        boolean inTime = waitForAll();
        for (Thread t : followers) {
            t.join(5_000);
        }
        if (!inTime) {
            narrator.say("demo", "stopped the agents: they were still running after " + DEADLINE.toMinutes() + " minutes");
        }

        report(dir);
        return verdict(dir, race, tasks);
    }

    // ---- setting up ------------------------------------------------------------------------------------------

    private Path scratchFolder() {
        try {
            if (options.dir() == null) {
                return Files.createTempDirectory("baton-demo").toRealPath();
            }
            Path dir = options.dir().toAbsolutePath();
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw BatonException.usage("--dir " + dir + " is a file; give a new or empty folder");
                }
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw BatonException.usage("--dir " + dir + " is not empty; give a new or empty folder");
                    }
                }
            }
            Files.createDirectories(dir);
            return dir.toRealPath();
        } catch (IOException e) {
            throw BatonException.environment("demo: cannot create the scratch folder: " + e.getMessage(), e);
        }
    }

    /**
     * {@code main} with one commit, task worktrees under {@code worktrees/}, and the demo's scripts under
     * {@code agents/}; git ignores both folders (info/exclude) so that the main checkout stays clean for merges.
     */
    private void setUpRepository(Path dir) throws IOException, InterruptedException {
        git(dir, "init", "-q");
        git(dir, "symbolic-ref", "HEAD", "refs/heads/" + BASE);
        git(dir, "config", "user.name", "Demo Orchestrator");
        git(dir, "config", "user.email", ORCHESTRATOR + "@agents.demo");
        git(dir, "config", "commit.gpgsign", "false");
        git(dir, "config", "baton.worktreeRoot", "worktrees");
        Files.writeString(dir.resolve(".git/info/exclude"), "# the baton demo's scripts, logs and task worktrees\n"
                + "/agents/\n/worktrees/\n/TASK.md\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("README.md"), "# greetings\n\nA tiny project for the baton demo: "
                + "\"hello, world\" in several languages, one file each under src/greetings/.\n", StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("src/greetings"));
        Files.writeString(dir.resolve("src/greetings/en.txt"), "Hello, world!\n", StandardCharsets.UTF_8);
        git(dir, "add", "README.md", "src");
        git(dir, "commit", "-q", "-m", "Start the greetings project");
        narrator.say("demo", "git init; main has one commit: README.md, src/greetings/en.txt");
        narrator.say("demo", "git config baton.worktreeRoot worktrees  (task worktrees go under " + dir.getFileName()
                + "/worktrees/)");
    }

    /**
     * Inits the board and spawns the tasks, through the same calls the CLI makes. The first spawn runs the CLI in a
     * process of its own, which also writes the class-data archive that makes the agents' baton calls start faster.
     */
    private List<Task> spawn(Path dir) throws IOException, InterruptedException {
        List<Task> tasks = new ArrayList<>();
        try (Coordinator board = new Coordinator(Repositories.open(dir.toFile()), CLOCK, ORCHESTRATOR)) {
            board.init();
            narrator.say(ORCHESTRATOR, "baton init: initialized refs/baton/board");
            List<DemoTasks.Plan> plans = DemoTasks.plans(options.tasks());
            for (DemoTasks.Plan plan : plans) {
                Task t = tasks.isEmpty() ? board.task(spawnWithCli(dir, plan))
                        : board.spawn(new Coordinator.SpawnRequest(plan.title(), plan.spec(), null, plan.priority(),
                                plan.labels(), null, null)).task();
                tasks.add(t);
                narrator.say(ORCHESTRATOR, String.format(Locale.ROOT, "spawned %s  p%d  %-32s [%s]%s", t.id(),
                        t.priority(), t.title(), String.join(", ", t.labels()),
                        plan.asksForTests() ? "" : "  (its spec forgets the reviewer's \"Tests:\" rule)"));
            }
        }
        return tasks;
    }

    /** Spawns with {@code baton spawn} in a child JVM; returns the new task's id. */
    private String spawnWithCli(Path dir, DemoTasks.Plan plan) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("spawn", plan.title(), "--priority", Integer.toString(plan.priority()),
                "--spec", plan.spec()));
        for (String label : plan.labels()) {
            args.add("--label");
            args.add(label);
        }
        Path pending = jvm.pendingArchive();
        Result r = exec(jvm.commandWritingArchive(args, pending), dir, Map.of("BATON_AGENT", ORCHESTRATOR));
        jvm.keepArchive(pending);
        if (!r.ok()) {
            throw BatonException.environment("demo: baton spawn failed: " + r.firstLine());
        }
        return r.firstLine().strip();
    }

    private List<String> agentNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < options.agents(); i++) {
            names.add("agent-" + (char) ('a' + i));
        }
        return names;
    }

    // ---- the processes ---------------------------------------------------------------------------------------

    private Thread launch(String name, String script, Path dir, Map<String, String> common) throws IOException {
        Path agentsDir = dir.resolve("agents");
        ProcessBuilder pb = new ProcessBuilder("bash", agentsDir.resolve(script).toString())
                .directory(dir.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        clean(env);
        env.putAll(common);
        env.put("BATON_AGENT", name);
        env.put("PWD", dir.toString());
        env.put("PATH", agentsDir.resolve("bin") + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw BatonException.environment("demo: cannot run bash (is it installed and on PATH?): " + e.getMessage(), e);
        }
        started.add(p);
        p.getOutputStream().close();
        return narrator.follow(name, p.getInputStream(), agentsDir.resolve(name + ".log"));
    }

    /** Waits for every process to end; false when the deadline passed first (they are then stopped). */
    private boolean waitForAll() throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (Process p : started) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                stopAll();
                return false;
            }
        }
        return true;
    }

    /** Stops the processes this demo started, and what they started, that are still running. */
    private void stopAll() {
        for (Process p : started) {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
        }
    }

    // ---- the end ---------------------------------------------------------------------------------------------

    private void report(Path dir) throws IOException, InterruptedException {
        narrator.heading("$ baton board   (open tasks only: COMPLETED ones have left it)");
        narrator.print(baton(dir, "board").output().stripTrailing());
        narrator.heading("$ baton list");
        narrator.print(baton(dir, "list").output().stripTrailing());

        List<String> log = exec(List.of("git", "log", "--oneline", "refs/baton/board"), dir, Map.of())
                .output().lines().toList();
        narrator.heading("$ git log --oneline refs/baton/board   (every transition is a commit; " + log.size()
                + " in all" + (log.size() > BOARD_LOG_LINES ? ", the newest " + BOARD_LOG_LINES + " shown" : "") + ")");
        narrator.print(String.join("\n", log.subList(0, Math.min(log.size(), BOARD_LOG_LINES))));
        narrator.heading("$ git log --oneline " + BASE);
        narrator.print(exec(List.of("git", "log", "--oneline", BASE), dir, Map.of()).output().stripTrailing());
    }

    private int verdict(Path dir, Task race, List<Task> spawned) throws IOException, InterruptedException {
        List<Task> tasks;
        try (Coordinator board = new Coordinator(Repositories.open(dir.toFile()), CLOCK, ORCHESTRATOR)) {
            tasks = board.list(TaskFilter.ALL);
        }
        List<Narrator.Said> said = narrator.said();
        narrator.heading("What happened");
        List<String> winners = said.stream().filter(s -> s.text().startsWith("won the race:")).map(Narrator.Said::who)
                .toList();
        List<String> refused = said.stream().filter(s -> s.text().contains("already claimed by"))
                .map(Narrator.Said::who).toList();
        narrator.print("- The race for " + race.id() + ": " + (winners.isEmpty() ? "nobody won" : String.join(", ", winners)
                + " won") + (refused.isEmpty() ? "" : "; " + String.join(", ", refused)
                + (refused.size() == 1 ? " was" : " were") + " refused (\"already claimed by ...\") and moved on"));
        long rejections = said.stream().filter(s -> s.who().equals("reviewer") && s.text().contains(": rejected")).count();
        narrator.print("- The reviewer rejected " + rejections + " submission" + (rejections == 1 ? "" : "s")
                + "; the reason reached the assignee through TASK.md, and the rework was approved.");
        long completed = tasks.stream().filter(t -> t.state() == TaskState.COMPLETED).count();
        String commits = exec(List.of("git", "rev-list", "--count", BASE), dir, Map.of()).output().strip();
        narrator.print("- " + completed + " of " + tasks.size() + " tasks COMPLETED; " + BASE + " has " + commits
                + " commits: the first one and one per merged task.");
        narrator.print(String.format(Locale.ROOT, "- Took %.1f s. The scratch repository is left in place for "
                + "inspection:%n    %s%n  try: cd %s && agents/bin/baton log   (each actor's output: agents/<name>.log)",
                narrator.seconds(), dir, DemoScripts.quote(dir.toString())));

        List<Task> unfinished = tasks.stream().filter(t -> t.state() != TaskState.COMPLETED).toList();
        if (tasks.size() != spawned.size() || !unfinished.isEmpty()) {
            throw new BatonException(ExitCode.INTERNAL, "demo did not finish: " + unfinished.size() + " of "
                    + tasks.size() + " tasks are not COMPLETED (" + unfinished.stream()
                    .map(t -> t.id() + " " + t.state() + (t.assignee() == null ? "" : " with " + t.assignee()))
                    .collect(Collectors.joining(", ")) + "); the scratch repository is " + dir);
        }
        return 0;
    }

    // ---- running things --------------------------------------------------------------------------------------

    private record Result(int code, String output) {
        boolean ok() {
            return code == 0;
        }

        String firstLine() {
            return output.strip().lines().findFirst().orElse("exit code " + code);
        }
    }

    private Result baton(Path dir, String... args) throws IOException, InterruptedException {
        return exec(jvm.command(List.of(args)), dir, Map.of("BATON_AGENT", ORCHESTRATOR));
    }

    private void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Result r = exec(cmd, dir, Map.of());
        if (!r.ok()) {
            throw BatonException.environment("demo: git " + args[0] + " failed: " + r.firstLine());
        }
    }

    private Result exec(List<String> cmd, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        clean(pb.environment());
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw BatonException.environment("demo: cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    /** Drops what would point a child at another repository or identity than the demo's. */
    private static void clean(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("BATON_") || k.startsWith("GIT_AUTHOR_")
                || k.startsWith("GIT_COMMITTER_") || List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
                "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE",
                "GIT_PREFIX").contains(k));
    }
}

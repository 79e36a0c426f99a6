package dev.baton.demo;

import dev.baton.app.SpawnRequest;
import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.app.Durations;
import dev.baton.app.Repositories;
import dev.baton.app.TaskFilter;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
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
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code baton demo}: a scratch repository, an orchestrator that spawns tasks, a pool of {@code baton work} processes
 * each running a stand-in agent (a small shell script) on the tasks they claim, and a reviewer and a merger, each a
 * bash script calling the baton CLI. They coordinate through the board alone. The stand-in trips on purpose (it fails
 * once, hangs once, and the worker running it is killed once), so that retries, timeouts and reaping can be seen.
 */
public final class Demo {

    /** What {@code baton demo} was asked for; {@code dir} null means a new temporary folder. */
    public record Options(Path dir, int agents, int tasks) {
        public Options {
            if (agents < 2 || agents > 10) {
                throw BatonException.usage("--agents: give a number from 2 to 10 (one worker is killed along the way)");
            }
            if (tasks < 1 || tasks > 30) {
                throw BatonException.usage("--tasks: give a number from 1 to 30");
            }
        }
    }

    static final String ORCHESTRATOR = "orchestrator";
    static final String BASE = "main";
    static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    /** Short, so that a killed worker's task comes back soon; its workers renew it every third of it. */
    static final Duration LEASE = Duration.ofSeconds(8);
    /** Long enough for any honest attempt of the stand-in, which takes about a second. */
    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration BACKOFF = Duration.ofSeconds(1);
    /** Workers are stopped once everything is merged; this only bounds them should the demo itself die. */
    private static final Duration IDLE_EXIT = Duration.ofMinutes(3);
    /** However slow the machine, the demo ends: whatever still runs at the deadline is stopped. */
    private static final Duration DEADLINE = Duration.ofMinutes(8);
    /** How many spells of five seconds in which the board does not move the reviewer and merger sit through. */
    private static final int MAX_QUIET_SPELLS = 30;

    private final Options options;
    private final Narrator narrator;
    private final ChildJvm jvm = ChildJvm.current();
    private final DemoShell shell = new DemoShell(jvm, ORCHESTRATOR);
    private Actors actors;

    public Demo(Options options, PrintWriter out) {
        this.options = options;
        this.narrator = new Narrator(out);
    }

    /** Runs the demo; returns 0 when every task ended COMPLETED and the board checks clean, and throws otherwise. */
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

    static String format(Duration d) {
        return Durations.format(d);
    }

    private int runIn(Path dir) throws IOException, InterruptedException {
        List<String> agents = agentNames();
        narrator.print("baton demo: a pool of " + agents.size() + " workers (`baton work`), a reviewer and a merger "
                + "share one board, refs/baton/board.");
        narrator.print("Each is a process of its own; nothing but the board connects them. Each worker runs a "
                + "stand-in agent, a small shell script, on the tasks it claims.");

        narrator.heading("Setting up a scratch repository in " + dir);
        setUpRepository(dir);
        Path agentsDir = dir.resolve("agents");
        narrator.heading("The orchestrator sets up the board and spawns " + options.tasks() + " task"
                + (options.tasks() == 1 ? "" : "s") + " (baton init; baton spawn <title> --priority P --label L "
                + "--spec S); each task adds one file");
        List<DemoTasks.Plan> plans = DemoTasks.plans(options.tasks());
        List<Task> tasks = spawn(dir, plans);
        DemoScripts.write(agentsDir, jvm);
        Files.createDirectories(agentsDir.resolve("runs"));
        Mishaps mishaps = Mishaps.stage(tasks, plans);

        narrator.heading("The pool: " + agents.size() + " workers side by side, each `agents/bin/baton "
                + String.join(" ", workArgs("agent-N", Path.of("agents"))) + "`");
        narrator.wrapped("", "agents/agent.sh stands in for a coding agent: it reads TASK.md, writes the file the spec "
                + "names, commits, leaves a handoff in .baton-handoff.md and exits 0; `baton work` then hands the task "
                + "in for review. What goes wrong on purpose:");
        for (String line : mishaps.plan(format(TIMEOUT), format(LEASE), format(BACKOFF))) {
            narrator.wrapped("  - ", line);
        }
        narrator.wrapped("", "The reviewer (agents/reviewer.sh) approves, or rejects work whose files lack a \"Tests:\" "
                + "line; the merger (agents/merger.sh) merges what is approved. Worker lines starting with > are the "
                + "stand-in's own output.");

        narrator.heading("At work");
        actors = new Actors(dir, agentsDir, narrator);
        Path over = agentsDir.resolve("over");
        boolean finished;
        try (BoardFollower follower = new BoardFollower(dir, CLOCK, narrator);
             WorkerCrash crash = mishaps.crashes() == null ? null : new WorkerCrash(mishaps.crashes().id(),
                     agentsDir.resolve("runs/" + mishaps.crashes().id() + ".crash"), actors, narrator, LEASE)) {
            Map<String, String> env = new LinkedHashMap<>(mishaps.env());
            env.put("DEMO_RUNS", agentsDir.resolve("runs").toString());
            for (String agent : agents) {
                List<String> command = new ArrayList<>(List.of(agentsDir.resolve("bin/baton").toString()));
                command.addAll(workArgs(agent, agentsDir));
                actors.launch(agent, command, env, withoutPrefix(agent));
            }
            Map<String, String> scripts = Map.of("DEMO_BASE", BASE, "DEMO_STOP", over.toString(),
                    "DEMO_MAX_IDLE", Integer.toString(MAX_QUIET_SPELLS));
            for (String actor : List.of("reviewer", "merger")) {
                Map<String, String> e = new LinkedHashMap<>(scripts);
                e.put("BATON_AGENT", actor);
                actors.launch(actor, List.of("bash", agentsDir.resolve(actor + ".sh").toString()), e,
                        UnaryOperator.identity());
            }

            finished = awaitTheEnd(dir);
            Files.writeString(over, "over\n", StandardCharsets.UTF_8);
            narrator.say("demo", (finished ? "every task is COMPLETED" : "giving up") + ": kill -TERM the workers "
                    + "(an idle `baton work` stops at once and tells what it ran); the reviewer and merger sign off");
            for (String agent : agents) {
                actors.named(agent).filter(a -> a.process().isAlive()).ifPresent(Actors::terminate);
            }
            if (!actors.awaitAll(Duration.ofSeconds(30))) {
                narrator.say("demo", "stopping what still runs");
                stopAll();
                actors.awaitAll(Duration.ofSeconds(10));
            }
        }

        new Ending(narrator, shell).report(dir);
        return new Ending(narrator, shell).verdict(dir, tasks.size());
    }

    /** What a worker runs: {@code baton work --agent <agent> ... -- <agentsDir>/agent.sh}. */
    private static List<String> workArgs(String agent, Path agentsDir) {
        return List.of("work", "--agent", agent, "--timeout", format(TIMEOUT), "--grace", format(GRACE), "--backoff",
                format(BACKOFF), "--idle-exit", format(IDLE_EXIT), "--",
                agentsDir.resolve(DemoScripts.AGENT).toString());
    }

    /** `baton work` starts its own lines with "[agent-a] " or "agent-a: "; the narration already names who speaks. */
    private static UnaryOperator<String> withoutPrefix(String agent) {
        List<String> prefixes = List.of("[" + agent + "] ", agent + ": ");
        return line -> prefixes.stream().filter(line::startsWith).findFirst()
                .map(p -> line.substring(p.length())).orElse(line);
    }

    /**
     * Waits until every task is COMPLETED (true), or one has FAILED for good, or the deadline passes, or every worker
     * is gone (false).
     */
    private boolean awaitTheEnd(Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Session board = new Session(Repositories.open(dir.toFile()), CLOCK, ORCHESTRATOR)) {
            int maxAttempts = board.settings().maxAttempts();
            while (System.nanoTime() < deadline) {
                List<Task> tasks = board.board().list(TaskFilter.ALL);
                if (tasks.stream().allMatch(t -> t.state() == TaskState.COMPLETED)) {
                    Thread.sleep(500); // so that the merger says it merged the last one before the demo says so
                    return true;
                }
                List<Task> dead = tasks.stream()
                        .filter(t -> t.state() == TaskState.FAILED && t.attempt() >= maxAttempts).toList();
                if (!dead.isEmpty()) {
                    Thread.sleep(1_000); // the last attempt's fail lands a moment before the run says so
                    narrator.say("demo", dead.stream().map(Task::id).collect(Collectors.joining(", "))
                            + " FAILED for good after " + maxAttempts + " attempts");
                    return false;
                }
                if (actors.all().stream().filter(a -> a.name().startsWith("agent-"))
                        .noneMatch(a -> a.process().isAlive())) {
                    narrator.say("demo", "every worker has stopped, and not everything is merged");
                    return false;
                }
                Optional<Actors.Actor> quit = actors.all().stream()
                        .filter(a -> !a.name().startsWith("agent-") && !a.process().isAlive()).findFirst();
                if (quit.isPresent()) {
                    narrator.say("demo", "the " + quit.get().name() + " stopped (exit " + quit.get().process().exitValue()
                            + "), and not everything is merged");
                    return false;
                }
                Thread.sleep(300);
            }
        }
        narrator.say("demo", "still not done after " + format(DEADLINE));
        return false;
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
        shell.git(dir, "init", "-q");
        shell.git(dir, "symbolic-ref", "HEAD", "refs/heads/" + BASE);
        shell.git(dir, "config", "user.name", "Demo Orchestrator");
        shell.git(dir, "config", "user.email", ORCHESTRATOR + "@agents.demo");
        shell.git(dir, "config", "commit.gpgsign", "false");
        shell.git(dir, "config", "baton.worktreeRoot", "worktrees");
        shell.git(dir, "config", "baton.lease", format(LEASE));
        Files.writeString(dir.resolve(".git/info/exclude"), "# the baton demo's scripts, logs and task worktrees\n"
                + "/agents/\n/worktrees/\n/TASK.md\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("README.md"), "# greetings\n\nA tiny project for the baton demo: "
                + "\"hello, world\" in several languages, one file each under src/greetings/.\n", StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("src/greetings"));
        Files.writeString(dir.resolve("src/greetings/en.txt"), "Hello, world!\n", StandardCharsets.UTF_8);
        shell.git(dir, "add", "README.md", "src");
        shell.git(dir, "commit", "-q", "-m", "Start the greetings project");
        narrator.say("demo", "git init; main has one commit: README.md, src/greetings/en.txt");
        narrator.say("demo", "git config baton.worktreeRoot worktrees  (task worktrees go under " + dir.getFileName()
                + "/worktrees/)");
        narrator.say("demo", "git config baton.lease " + format(LEASE) + "  (short, so that a dead worker's task comes "
                + "back soon; baton.maxAttempts stays 3)");
    }

    /**
     * Inits the board and spawns the tasks, through the same calls the CLI makes. The first spawn runs the CLI in a
     * process of its own, which also writes the class-data archive that makes the agents' baton calls start faster.
     */
    private List<Task> spawn(Path dir, List<DemoTasks.Plan> plans) throws IOException, InterruptedException {
        List<Task> tasks = new ArrayList<>();
        try (Session board = new Session(Repositories.open(dir.toFile()), CLOCK, ORCHESTRATOR)) {
            board.maintenance().init();
            narrator.say(ORCHESTRATOR, "baton init: initialized refs/baton/board");
            for (DemoTasks.Plan plan : plans) {
                Task t = tasks.isEmpty() ? board.board().task(spawnWithCli(dir, plan))
                        : board.transitions().spawn(new SpawnRequest(plan.title(), plan.spec(), null, plan.priority(),
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
        DemoShell.Result r = shell.exec(jvm.commandWritingArchive(args, pending), dir, Map.of("BATON_AGENT", ORCHESTRATOR));
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

    /** Stops the processes this demo started, and what they started, that are still running. */
    private void stopAll() {
        if (actors != null) {
            actors.stopAll();
        }
    }
}

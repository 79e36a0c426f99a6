package dev.baton.cli;

import dev.baton.ErrorReport;
import dev.baton.ExitCode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The root command: {@code baton <command>}. Every error ends in one line and one exit code, by {@link ErrorReport}.
 *
 * <p>Its subcommands are registered in code, not in the annotation, so that a call can build only the one it runs:
 * picocli reads every registered command's annotations by reflection before it parses anything, and doing so for all
 * of {@link #NAMES} is a large part of a short command such as {@code show} (docs/benchmarks.md, "CLI start-up").
 */
@Command(name = "baton", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Version.class,
        description = "A git-native coordinator for teams of coding agents.%n"
                + "Tasks and their transitions are commits on refs/baton/board.",
        exitCodeListHeading = "%nExit codes:%n")
public final class BatonCommand implements Runnable {

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * No command: the usage help on stdout and exit 0, as {@code baton --help} (unlike git, which exits 1: asking baton
     * what it can do is not a mistake; the README says so), unless an option given with it is already wrong (an agent
     * name baton refuses).
     */
    @Override
    public void run() {
        if (global.as != null && !dev.baton.core.Actors.isValid(global.as.trim())) {
            throw dev.baton.BatonException.usage("'" + global.as + "' is not a valid agent name; use letters, digits and "
                    + ". _ @ + - (and give a command: see `baton --help`)");
        }
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The subcommands' names, in the order the usage help lists them. */
    static final List<String> NAMES = List.of(
            "init", "spawn", "claim", "start", "done", "reject", "approve", "merge", "cancel", "fail",
            "retry", "heartbeat", "reap", "edit", "dep", "ready", "deps", "graph", "roles", "reserve",
            "release", "reservations", "list", "show", "log", "board",
            "send", "inbox", "ack", "thread", "handoff", "watch", "stats",
            "hooks",
            "fsck", "checkpoint", "doctor", "sync", "run", "work", "logs", "requeue", "demo", "version", "help");

    /** The class of the subcommand called {@code name}; only that class is loaded. */
    static Class<?> command(String name) {
        return switch (name) {
            case "init" -> InitCommand.class;
            case "spawn" -> SpawnCommand.class;
            case "claim" -> ClaimCommand.class;
            case "start" -> StartCommand.class;
            case "done" -> DoneCommand.class;
            case "reject" -> RejectCommand.class;
            case "approve" -> ApproveCommand.class;
            case "merge" -> MergeCommand.class;
            case "cancel" -> CancelCommand.class;
            case "fail" -> FailCommand.class;
            case "retry" -> RetryCommand.class;
            case "heartbeat" -> HeartbeatCommand.class;
            case "reap" -> ReapCommand.class;
            case "edit" -> EditCommand.class;
            case "dep" -> DepCommand.class;
            case "ready" -> ReadyCommand.class;
            case "deps" -> DepsCommand.class;
            case "graph" -> GraphCommand.class;
            case "roles" -> RolesCommand.class;
            case "reserve" -> ReserveCommand.class;
            case "release" -> ReleaseCommand.class;
            case "reservations" -> ReservationsCommand.class;
            case "list" -> ListCommand.class;
            case "show" -> ShowCommand.class;
            case "log" -> LogCommand.class;
            case "board" -> BoardCommand.class;
            case "send" -> SendCommand.class;
            case "inbox" -> InboxCommand.class;
            case "ack" -> AckCommand.class;
            case "thread" -> ThreadCommand.class;
            case "handoff" -> HandoffCommand.class;
            case "watch" -> WatchCommand.class;
            case "stats" -> StatsCommand.class;
            case "hooks" -> HooksCommand.class;
            case "fsck" -> FsckCommand.class;
            case "checkpoint" -> CheckpointCommand.class;
            case "doctor" -> DoctorCommand.class;
            case "sync" -> SyncCommand.class;
            case "run" -> RunCommand.class;
            case "work" -> WorkCommand.class;
            case "logs" -> LogsCommand.class;
            case "requeue" -> RequeueCommand.class;
            case "demo" -> DemoCommand.class;
            case "version" -> VersionCommand.class;
            case "help" -> HelpCommand.class;
            default -> throw new IllegalArgumentException("no such command: " + name);
        };
    }

    /** A ready command line with every subcommand, baton's exit codes and error handling. */
    public static CommandLine commandLine() {
        return build(NAMES);
    }

    /**
     * A command line for these arguments: with only the subcommand they name when that is certain (a known name,
     * after nothing but the global options), else with all of them, as {@link #commandLine()}. What it prints and
     * returns for {@code args} is the same either way.
     */
    public static CommandLine commandLine(String... args) {
        String name = invoked(args);
        return build(name == null ? NAMES : List.of(name));
    }

    /**
     * The subcommand {@code args} run, when only it needs to be known: the first argument after the root's own
     * options, if it is a command's full name. Null (build them all) for no command, the root's help or version,
     * {@code help} (which lists the others), anything unknown or abbreviated, "--", and argument files (@file).
     */
    static String invoked(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-C", "--as", "--trace" -> i++; // an option and its value
                case "--json", "--offline", "--debug" -> { }
                default -> {
                    if (arg.startsWith("--as=") || arg.startsWith("--trace=")) {
                        continue;
                    }
                    return !arg.equals("help") && NAMES.contains(arg) ? arg : null;
                }
            }
        }
        return null;
    }

    private static CommandLine build(List<String> names) {
        CommandLine cl = new CommandLine(new BatonCommand());
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            exitCodes.put(Integer.toString(code.code()), code.meaning());
        }
        for (String name : names) {
            cl.addSubcommand(command(name));
        }
        cl.getCommandSpec().usageMessage().exitCodeList(exitCodes); // after the subcommands: only `baton help` lists it
        CommandHelp.install(cl);
        cl.setExecutionExceptionHandler(BatonCommand::onError);
        cl.setParameterExceptionHandler(BatonCommand::onBadUsage);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    private static int onError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean debug = hasFlag(parsed, "--debug");
        ErrorReport report = ErrorReport.of(e, debug ? "" : ErrorReport.DEBUG_HINT);
        PrintWriter err = cl.getErr();
        report.print(err, hasFlag(parsed, "--json"));
        if (debug) {
            e.printStackTrace(err);
            err.flush();
        }
        return report.exitCode().code();
    }

    /** The one error that is not an exception: the JVM ran out of heap ({@link ErrorReport#outOfMemory()}). */
    static int onOutOfMemory(String[] args) {
        ErrorReport report = ErrorReport.outOfMemory();
        report.print(new PrintWriter(System.err, true), asksForJson(args));
        return report.exitCode().code();
    }

    private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String message = (UnknownCommand.is(e)
                ? UnknownCommand.message(cl, ((CommandLine.UnmatchedArgumentException) e).getUnmatched().get(0))
                : e.getMessage()) + " (see `" + cl.getCommandSpec().qualifiedName() + " --help`)";
        ErrorReport report = new ErrorReport(ExitCode.USAGE, message);
        report.print(cl.getErr(), asksForJson(args));
        return report.exitCode().code();
    }

    /** Whether --json was given, for errors found before the command line is parsed: a "--json" before any "--". */
    static boolean asksForJson(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--json")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasFlag(CommandLine.ParseResult parsed, String flag) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(flag)) {
                return true;
            }
        }
        return false;
    }
}

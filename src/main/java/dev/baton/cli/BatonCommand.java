package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.store.Json;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root command: {@code baton <command>}. Maps every error to one line and one exit code, in one place. */
@Command(name = "baton", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Version.class,
        description = "A git-native coordinator for teams of coding agents.%n"
                + "Tasks and their transitions are commits on refs/baton/board.",
        subcommands = {
            InitCommand.class, SpawnCommand.class, ClaimCommand.class, StartCommand.class, DoneCommand.class,
            RejectCommand.class, ApproveCommand.class, MergeCommand.class, CancelCommand.class, FailCommand.class,
            RetryCommand.class, HeartbeatCommand.class, ReapCommand.class, EditCommand.class, DepCommand.class,
            ReadyCommand.class, DepsCommand.class, GraphCommand.class, RolesCommand.class, ReserveCommand.class,
            ReleaseCommand.class, ReservationsCommand.class, ListCommand.class, ShowCommand.class, LogCommand.class, BoardCommand.class,
            SendCommand.class, InboxCommand.class, AckCommand.class, ThreadCommand.class, HandoffCommand.class,
            WatchCommand.class, StatsCommand.class,
            HooksCommand.class,
            FsckCommand.class, DoctorCommand.class, SyncCommand.class, RunCommand.class, WorkCommand.class,
            LogsCommand.class, RequeueCommand.class, DemoCommand.class, CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:refused by the protocol (illegal transition, not the owner, already claimed); nothing changed",
            "2:bad usage or input; nothing changed",
            "3:environment (not a git repository, no board yet, a lock that cannot be taken)",
            "4:internal error"
        })
public final class BatonCommand implements Runnable {

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A ready command line with baton's exit codes and error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BatonCommand());
        cl.setExecutionExceptionHandler(BatonCommand::onError);
        cl.setParameterExceptionHandler(BatonCommand::onBadUsage);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    private static int onError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean debug = hasFlag(parsed, "--debug");
        boolean json = hasFlag(parsed, "--json");
        ExitCode code;
        String message;
        if (e instanceof BatonException b) {
            code = b.exitCode();
            message = b.getMessage();
        } else {
            code = ExitCode.INTERNAL;
            message = "internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)");
        }
        message = message == null ? e.getClass().getSimpleName() : message.strip().lines().findFirst().orElse("");
        PrintWriter err = cl.getErr();
        if (json) {
            err.println(Json.line(Map.of("error", message, "exit", code.code())));
        } else {
            err.println("baton: " + message);
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String message = e.getMessage() + " (see `" + cl.getCommandSpec().qualifiedName() + " --help`)";
        if (asksForJson(args)) {
            err.println(Json.line(Map.of("error", message, "exit", ExitCode.USAGE.code())));
        } else {
            err.println("baton: " + message);
        }
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** Whether --json was given, for errors found before the command line is parsed: a "--json" before any "--". */
    private static boolean asksForJson(String[] args) {
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

package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.ErrorReport;
import dev.baton.ExitCode;
import dev.baton.app.RunOptions;
import dev.baton.app.RunResult;
import dev.baton.app.Runner;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
    "Supervise one attempt of an agent's command on a task: start or resume it, run the command in the task's",
    "worktree with BATON_TASK, BATON_EPOCH, BATON_AGENT, BATON_WORKTREE and BATON_TRACE set, renew the lease,",
    "then `done` on exit 0 (handoff from .baton-handoff.md) or `fail` (queued again while attempts remain).",
    "Exit 0 done; 1 the attempt failed or the lease was lost; 130 interrupted (the task goes back to the queue)."})
final class RunCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<id>", description = "The task (any unique prefix).")
    String id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<command>", description = "After --: the command and its arguments.")
    List<String> command;

    @Mixin
    RunMixin run = new RunMixin();

    @Override
    protected int run() {
        String task = session().board().resolve(id);
        RunOptions options = run.options(command);
        try (Interruption interruption = new Interruption(options.grace())) {
            RunResult r = new Runner(session(), System.out).run(task, options, interruption.flag());
            if (r.outcome() == RunResult.Outcome.INTERRUPTED) {
                // said here, before the interruption lets the JVM go
                ErrorReport interrupted = new ErrorReport(ExitCode.INTERRUPTED, "interrupted; " + r.message());
                interrupted.print(spec.commandLine().getErr(), out().json());
                return interrupted.exitCode().code();
            }
            if (r.outcome() != RunResult.Outcome.DONE) {
                throw BatonException.refused(r.message());
            }
            out().result(r.message(), TaskJson.of(r.task()).put("outcome", r.outcome().name()));
            return 0;
        }
    }

    /** The supervision options `run` and `work` share. */
    static final class RunMixin {
        @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop and fail an attempt after this long (e.g. 45m).")
        String timeout;

        @Option(names = "--lease", paramLabel = "DURATION", description = "Lease length (default baton.lease, else 15m).")
        String lease;

        @Option(names = "--grace", paramLabel = "DURATION", description = "Between SIGTERM and SIGKILL (default 10s).")
        String grace;

        @Option(names = "--backoff", paramLabel = "DURATION",
                description = "Wait before a failed task is ready again, doubling per attempt (default 30s).")
        String backoff;

        @Option(names = "--no-commit", description = "Do not commit what the command leaves; refuse `done` instead.")
        boolean noCommit;

        /** The options for {@code command}, refused (exit 2) before anything happens if it cannot be started. */
        RunOptions options(List<String> command) {
            dev.baton.app.Executables.require(command.get(0), System.getenv("PATH"));
            return new RunOptions(command, duration(timeout, "--timeout"), duration(lease, "--lease"),
                    duration(grace, "--grace"), !noCommit, duration(backoff, "--backoff"));
        }
    }
}

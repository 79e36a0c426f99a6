package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.app.Worker;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "work", description = {
    "The worker loop: claim the next ready task, `baton run` the command on it, repeat. Sleeps with backoff when",
    "nothing is ready and stops after --idle-exit. Several `baton work` processes side by side form a pool."})
final class WorkCommand extends BaseCommand {

    @Option(names = "--agent", paramLabel = "NAME", description = "Work as this agent (same as --as).")
    String agent;

    @Option(names = "--label", paramLabel = "L", description = "Only tasks with this label.")
    String label;

    @Option(names = "--max-tasks", paramLabel = "N", defaultValue = "0", description = "Stop after N tasks (0: no limit).")
    int maxTasks;

    @Option(names = "--idle-exit", paramLabel = "DURATION", defaultValue = "5m",
            description = "Stop when nothing has been ready for this long (default 5m).")
    String idleExit;

    @Option(names = "--poll-max", paramLabel = "DURATION", defaultValue = "30s",
            description = "The longest wait between looks at an empty queue: waits start at 1s and double up to this "
                    + "(default 30s).")
    String pollMax;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "<command>", description = "After --: the agent's command.")
    List<String> command;

    @Mixin
    RunCommand.RunMixin run = new RunCommand.RunMixin();

    @Override
    protected int run() {
        if (agent != null) {
            if (options().as != null && !options().as.equals(agent)) {
                throw BatonException.usage("--agent and --as name different agents");
            }
            options().as = agent;
        }
        Duration idle = duration(idleExit, "--idle-exit");
        Duration poll = duration(pollMax, "--poll-max"); // a duration is never 0 or negative
        var options = run.options(command);
        try (Interruption interruption = new Interruption(options.grace())) {
            Worker.Summary s = new Worker(session(), System.out, poll).work(options, label, maxTasks, idle,
                    interruption.flag());
            out().result(session().actor() + ": ran " + s.ran() + " task(s): " + s.done() + " done, " + s.failed()
                    + " not", Json.MAPPER.createObjectNode().put("agent", session().actor())
                    .put("ran", s.ran()).put("done", s.done()).put("failed", s.failed()));
            return s.interrupted() ? ExitCode.INTERRUPTED.code() : ExitCode.OK.code();
        }
    }
}

package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.app.Runner;
import dev.baton.core.Task;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Print the output `baton run` kept of a task's attempt (default: the latest).")
final class LogsCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "The task (default: this worktree's).")
    String id;

    @Option(names = "--attempt", paramLabel = "N", description = "Which attempt (1 is the first).")
    Integer attempt;

    @Override
    protected int run() throws IOException {
        String task = session().board().resolve(id);
        int n = attempt != null ? attempt : latest(task);
        File f = Runner.logFile(session(), task, n);
        if (!f.isFile()) {
            throw BatonException.usage("no log of attempt " + n + " of " + task + " in this clone");
        }
        spec.commandLine().getOut().print(Files.readString(f.toPath()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int latest(String task) {
        Task t = session().board().task(task);
        for (int n = t.attempt(); n >= 1; n--) {
            if (Runner.logFile(session(), task, n).isFile()) {
                return n;
            }
        }
        throw BatonException.usage("no logs of " + task + " in this clone; `baton run` keeps them");
    }
}

package dev.baton.cli;

import dev.baton.demo.Demo;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = {
    "Run a pool of `baton work` processes, each driving a stand-in agent (a shell script), and a reviewer and a",
    "merger, each a process of its own, in a scratch repository. One attempt fails and is retried, one hangs until",
    "--timeout stops it, one worker is killed and its lease reaped, one task is rejected and redone; all is merged",
    "into main. The repository is left in place for inspection. Exits 0 when every task ends COMPLETED and the",
    "board and the repository check clean."})
final class DemoCommand extends BaseCommand {

    @Option(names = "--dir", paramLabel = "<path>",
            description = "Build the scratch repository here (a new or empty folder) instead of a new temporary one.")
    Path dir;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "3",
            description = "How many workers, 2 to 10 (default 3).")
    int agents;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "6", description = "How many tasks (default 6).")
    int tasks;

    @Override
    protected int run() {
        return new Demo(new Demo.Options(dir, agents, tasks), spec.commandLine().getOut()).run();
    }
}

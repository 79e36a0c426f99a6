package dev.baton.cli;

import dev.baton.demo.Demo;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = {
    "Run agents, a reviewer and a merger, each a process of its own calling the baton CLI, in a scratch repository.",
    "They race for the same task (one wins), work in task worktrees, get rejected and redo, and merge into main.",
    "The repository is left in place for inspection. Exits 0 when every task ends COMPLETED."})
final class DemoCommand extends BaseCommand {

    @Option(names = "--dir", paramLabel = "<path>",
            description = "Build the scratch repository here (a new or empty folder) instead of a new temporary one.")
    Path dir;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "3", description = "How many agents (default 3).")
    int agents;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "6", description = "How many tasks (default 6).")
    int tasks;

    @Override
    protected int run() {
        return new Demo(new Demo.Options(dir, agents, tasks), spec.commandLine().getOut()).run();
    }
}

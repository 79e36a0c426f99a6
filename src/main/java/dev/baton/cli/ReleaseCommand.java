package dev.baton.cli;

import dev.baton.store.Applied;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "release", description = "Give up reservations of your task: the globs named, or all of them.")
final class ReleaseCommand extends BaseCommand {

    @Parameters(index = "0..*", arity = "0..*", paramLabel = "<glob>")
    List<String> globs = new ArrayList<>();

    @Option(names = "--task", paramLabel = "ID", description = "The task (default: this worktree's).")
    String task;

    @Override
    protected int run() {
        Applied a = session().transitions().release(session().board().resolve(task), globs);
        out().result(a.changed() ? a.task().id() + " now reserves " + ReserveCommand.describe(a.task().reservations())
                : "no change: no such reservation", TaskJson.of(a.task()).put("changed", a.changed()));
        return 0;
    }
}

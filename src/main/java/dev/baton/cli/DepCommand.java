package dev.baton.cli;

import dev.baton.store.Applied;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "dep", description = "Edit dependencies: `dep add <id> <blocker>` makes <id> wait for <blocker>; `dep rm` undoes it.",
        subcommands = {DepCommand.Add.class, DepCommand.Remove.class})
final class DepCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say `dep add` or `dep rm`");
    }

    @Command(name = "add", description = "Make <id> wait for <blocker>. A cycle is refused and printed.")
    static final class Add extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<id>")
        String id;

        @Parameters(index = "1", paramLabel = "<blocker>")
        String blocker;

        @Override
        protected int run() {
            Applied a = session().transitions().addDependency(session().board().resolve(id), session().board().resolve(blocker));
            out().result(a.changed() ? a.task().id() + " now waits for " + String.join(", ", a.task().blockers())
                    : "no change: " + a.task().id() + " already waits for it", TaskJson.of(a.task()).put("changed", a.changed()));
            return 0;
        }
    }

    @Command(name = "rm", description = "Stop <id> waiting for <blocker>.")
    static final class Remove extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<id>")
        String id;

        @Parameters(index = "1", paramLabel = "<blocker>")
        String blocker;

        @Override
        protected int run() {
            Applied a = session().transitions().removeDependency(session().board().resolve(id), session().board().resolve(blocker));
            out().result(a.changed() ? a.task().id() + " no longer waits for " + blocker
                    : "no change: " + a.task().id() + " did not wait for it", TaskJson.of(a.task()).put("changed", a.changed()));
            return 0;
        }
    }
}

package dev.baton.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code baton help [<command>...]}: the help of baton, or of the command named, however deep ({@code help dep add}).
 * A name that is no command is a usage error that says so, with the nearest name when one is close.
 */
@Command(name = "help", helpCommand = true,
        description = "Print the help of baton, or of the command named (`baton help dep add`).")
final class HelpCommand implements Runnable {

    @Parameters(paramLabel = "<command>", arity = "0..*", description = "The command, and its subcommand if any.")
    List<String> names = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        CommandLine target = spec.commandLine().getParent();
        for (String name : names) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null || next.getCommandSpec().usageMessage().hidden()) {
                throw new CommandLine.ParameterException(target, UnknownCommand.message(target, name));
            }
            target = next;
        }
        target.usage(spec.commandLine().getOut());
    }
}

package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code baton <command>} builds only that command's picocli model; everything else builds them all. Either way a
 * call must print the same and end with the same code.
 */
class CommandLineTreeTest {

    @TempDir
    Path tmp;

    @Test
    void theNamesAreTheCommandsOwnNamesInTheOrderHelpListsThem() {
        CommandLine full = BatonCommand.commandLine();
        assertThat(new ArrayList<>(full.getSubcommands().keySet())).isEqualTo(BatonCommand.NAMES);
        for (String name : BatonCommand.NAMES) {
            assertThat(full.getSubcommands().get(name).getCommand().getClass()).isEqualTo(BatonCommand.command(name));
        }
    }

    @Test
    void aKnownCommandAfterGlobalOptionsIsBuiltAlone() {
        assertThat(subcommands("show", "T-1")).containsExactly("show");
        assertThat(subcommands("-C", "dir", "--as", "a", "--json", "--offline", "--debug", "--trace", "t", "list"))
                .containsExactly("list");
        assertThat(subcommands("--as=a", "--trace=t", "claim", "--next")).containsExactly("claim");
        assertThat(subcommands("-C", "show", "list")).containsExactly("list"); // "show" is -C's value
        assertThat(subcommands("dep", "add", "--help")).containsExactly("dep");
        assertThat(subcommands("show", "--help")).containsExactly("show");
    }

    @Test
    void anythingElseBuildsTheWholeTree() {
        for (String[] args : List.of(
                new String[0],
                new String[] {"--help"},
                new String[] {"-h", "show"},
                new String[] {"--version"},
                new String[] {"help"},
                new String[] {"help", "show"},
                new String[] {"sho"},
                new String[] {"SHOW"},
                new String[] {"nope"},
                new String[] {"--", "show"},
                new String[] {"-C=dir", "show"},
                new String[] {"-Cdir", "show"},
                new String[] {"@args.txt"},
                new String[] {"-C"},
                new String[] {"--json", "--bogus", "show"})) {
            assertThat(subcommands(args)).as(String.join(" ", args)).isEqualTo(BatonCommand.NAMES);
        }
    }

    @Test
    void helpVersionAndUsageErrorsAreTheSameEitherWay() {
        List<String[]> calls = new ArrayList<>();
        for (String name : BatonCommand.NAMES) {
            calls.add(new String[] {name, "--help"});
            calls.add(new String[] {"--json", name, "-h"});
        }
        Stream.of("dep add", "dep rm", "roles show", "roles set", "hooks install", "hooks uninstall", "hooks status")
                .forEach(s -> calls.add((s + " --help").split(" ")));
        String dir = tmp.toString();
        calls.addAll(List.of(
                new String[0],
                new String[] {"--help"},
                new String[] {"--version"},
                new String[] {"show", "--version"},
                new String[] {"help", "show"},
                new String[] {"sho", "T-1"},
                new String[] {"show", "--bogus"},
                new String[] {"--json", "show", "--bogus"},
                new String[] {"show", "a", "b"},
                new String[] {"list", "--limit"},
                new String[] {"dep"},
                new String[] {"dep", "nope"},
                new String[] {"claim", "--lease", "forever", "-C", dir},
                new String[] {"-C", dir, "show", "T-1"},
                new String[] {"-C", dir, "--json", "show", "T-1"},
                new String[] {"-C", dir + "/missing", "list"},
                new String[] {"--as", "not valid!", "-C", dir, "list"}));
        for (String[] args : calls) {
            Run full = run(BatonCommand.commandLine(), args);
            Run lean = run(BatonCommand.commandLine(args), args);
            assertThat(lean).as("baton %s", String.join(" ", args)).isEqualTo(full);
        }
    }

    @Test
    void commandsOnABoardPrintTheSameEitherWay() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("A task", "--spec", "Do it.");
        String dir = repo.dir().toString();
        for (String[] args : List.of(
                new String[] {"-C", dir, "show", id},
                new String[] {"-C", dir, "--json", "show", id},
                new String[] {"show", id, "-C", dir, "--json"},
                new String[] {"-C", dir, "list"},
                new String[] {"-C", dir, "ready", "--json"},
                new String[] {"-C", dir, "show", "T-zzzzzzzz"},
                new String[] {"-C", dir, "--json", "claim", id})) {
            Run full = run(BatonCommand.commandLine(), args);
            if (args[args.length - 2].equals("claim")) {
                // it moved the board: the second call is refused, which is compared below as well
                assertThat(full.exit()).isZero();
                full = run(BatonCommand.commandLine(), args);
            }
            Run lean = run(BatonCommand.commandLine(args), args);
            assertThat(lean).as("baton %s", String.join(" ", args)).isEqualTo(withoutAges(full, lean));
        }
    }

    /** {@code full} with its stdout replaced by {@code lean}'s when they differ only in "for 1s"-like ages. */
    private static Run withoutAges(Run full, Run lean) {
        String ages = "for \\d+(ms|s|m)";
        if (full.out().replaceAll(ages, "").equals(lean.out().replaceAll(ages, ""))) {
            return new Run(full.exit(), lean.out(), full.err());
        }
        return full;
    }

    private static List<String> subcommands(String... args) {
        return new ArrayList<>(BatonCommand.commandLine(args).getSubcommands().keySet());
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}

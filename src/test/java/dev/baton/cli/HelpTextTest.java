package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The usage help: `baton help` lists every command with a one-line summary and, once, the global options and the exit
 * codes; a command's own help lists only its own options and points to `baton help` for the rest.
 */
class HelpTextTest {

    @Test
    void everyCommandHasAOneLineSummaryThatIsASentence() {
        List<String> paths = new ArrayList<>();
        collect(BatonCommand.commandLine(), paths);
        for (String path : paths) {
            String summary = Summaries.of(path);
            assertThat(summary).as("summary of %s", path).isNotNull().endsWith(".").doesNotContain("%n");
            assertThat(summary.length()).as("%s: %s", path, summary).isLessThanOrEqualTo(Summaries.WIDTH);
        }
    }

    @Test
    void theCommandListShowsEachSummaryWhole() {
        Run help = CliRepo.run("help").ok();
        String out = help.out();
        for (String name : BatonCommand.NAMES) {
            assertThat(out).contains(String.format("  %-12s  %s%n", name, Summaries.of(name)));
        }
        assertThat(out).contains("  roles         Show or set who may do what.\n");
        assertThat(out).contains("Exit codes:", "  2     bad usage or input; nothing changed", "--as=<agent>", "--trace");
        assertThat(CliRepo.run("dep", "--help").ok().out())
                .contains("  add  Make <id> wait for <blocker>.\n", "  rm   Stop <id> waiting for <blocker>.\n");
    }

    @Test
    void aCommandsHelpListsItsOwnOptionsAndPointsToBatonHelpForTheRest() {
        String claim = CliRepo.run("claim", "--help").ok().out();
        assertThat(claim.lines().findFirst()).hasValue("Usage: baton claim [--next] [--label=L] [--lease=DURATION] [<id>]");
        assertThat(claim).contains("--lease=DURATION", "--next", "--label=L");
        assertThat(claim.substring(0, claim.indexOf("\nThe global options"))).doesNotContain("--as", "--json", "--offline", "--debug", "--trace", "-C=", "--version",
                "Exit codes", "130");
        assertThat(claim).endsWith("\nThe global options (-C, --as, --json, ...) and exit codes: `baton help`.\n");
        // and a global option still works after the command's name
        assertThat(CliRepo.run("claim", "--json", "--help").ok().out()).isEqualTo(claim);
    }

    @Test
    void helpNamesACommandAtAnyDepth() {
        Run viaHelp = CliRepo.run("help", "dep", "add").ok();
        assertThat(viaHelp.out()).startsWith("Usage: baton dep add <id> <blocker>\n");
        assertThat(viaHelp).isEqualTo(CliRepo.run("dep", "add", "--help").ok());
        assertThat(CliRepo.run("help", "claim").ok()).isEqualTo(CliRepo.run("claim", "--help").ok());
    }

    @Test
    void descriptionsAreParagraphsThatNeverBreakACodeSpan() {
        List<String> paths = new ArrayList<>();
        collect(BatonCommand.commandLine(), paths);
        Pattern halfSpan = Pattern.compile("^[^`]*(`[^`]*`[^`]*)*`[^`]*$"); // an odd number of backticks
        for (String path : paths) {
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            args.add("--help");
            String out = CliRepo.run(args.toArray(String[]::new)).ok().out();
            for (String line : out.lines().toList()) {
                assertThat(halfSpan.matcher(line).matches()).as("baton %s --help: a line that breaks a code span: %s",
                        path, line).isFalse();
                assertThat(line.length()).as("baton %s --help: %s", path, line).isLessThanOrEqualTo(80);
            }
        }
        // the roles description's source lines are one paragraph
        assertThat(CliRepo.run("roles", "--help").out()).contains("`roles set`\ncreates it, and from then on roles are");
    }

    @Test
    void wrappingKeepsCodeSpansWhole() {
        StringBuilder sb = new StringBuilder();
        CommandHelp.wrap("run `baton dep add <id> <blocker>` now", 20, sb);
        assertThat(sb.toString()).isEqualTo("run\n`baton dep add <id> <blocker>`\nnow\n".replace("\n", System.lineSeparator()));
    }

    private static void collect(CommandLine cl, List<String> paths) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            paths.add(CommandHelp.path(sub.getCommandSpec()));
            collect(sub, paths);
        }
    }
}

package dev.baton.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * baton's usage help. The global options and the exit codes are listed once, by {@code baton help}; a command's own
 * help lists only its own options and ends with a line pointing there. Command lists show each command's one-line
 * summary ({@link Summaries}).
 */
final class CommandHelp extends Help {

    /** The options every command takes, which only the root's help lists. */
    static final Set<String> GLOBAL = Set.of("-C", "--as", "--json", "--offline", "--debug", "--trace", "--help",
            "--version");

    /** The last line of every command's help but the root's. */
    static final String FOOTER = "%nThe global options (-C, --as, --json, ...) and exit codes: `baton help`.";

    CommandHelp(CommandSpec spec, ColorScheme colors) {
        super(spec, colors);
    }

    /** Sets baton's help on {@code cl} and every command under it; call once the tree is built. */
    static void install(CommandLine cl) {
        cl.setHelpFactory(CommandHelp::new);
        for (CommandLine sub : cl.getSubcommands().values()) {
            footer(sub);
        }
    }

    private static void footer(CommandLine cl) {
        cl.getCommandSpec().usageMessage().footer(FOOTER).exitCodeListHeading("");
        for (CommandLine sub : cl.getSubcommands().values()) {
            footer(sub);
        }
    }

    private boolean root() {
        return commandSpec().parent() == null;
    }

    private static boolean global(OptionSpec o) {
        return GLOBAL.contains(o.longestName());
    }

    @Override
    protected Ansi.Text createDetailedSynopsisOptionsText(Collection<ArgSpec> done, Comparator<OptionSpec> sort,
            boolean cluster) {
        if (!root()) {
            List<ArgSpec> skipped = new ArrayList<>(done);
            commandSpec().options().stream().filter(CommandHelp::global).forEach(skipped::add);
            return super.createDetailedSynopsisOptionsText(skipped, sort, cluster);
        }
        return super.createDetailedSynopsisOptionsText(done, sort, cluster);
    }

    @Override
    public String optionList() {
        if (root()) {
            return super.optionList();
        }
        List<OptionSpec> own = new ArrayList<>();
        for (OptionSpec o : commandSpec().options()) {
            if (!global(o) && o.group() == null) {
                own.add(o);
            }
        }
        return optionListExcludingGroups(own, createDefaultLayout(), createDefaultOptionSort(), parameterLabelRenderer());
    }

    /**
     * The description as one paragraph (its lines in the source joined; %n starts a new one), wrapped at the help's
     * width without breaking inside a `code span`.
     */
    @Override
    public String description(Object... params) {
        String[] lines = commandSpec().usageMessage().description();
        if (lines.length == 0) {
            return "";
        }
        String text = String.join(" ", lines).replace("%n", "\n").replace("%%", "%");
        StringBuilder sb = new StringBuilder();
        for (String paragraph : text.split("\n")) {
            wrap(paragraph.strip(), commandSpec().usageMessage().width(), sb);
        }
        return sb.toString();
    }

    /** Appends {@code text} in lines of at most {@code width} (unless a word is longer), never breaking a `span`. */
    static void wrap(String text, int width, StringBuilder sb) {
        StringBuilder line = new StringBuilder();
        for (String word : words(text)) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                sb.append(line).append(System.lineSeparator());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        sb.append(line).append(System.lineSeparator());
    }

    /** The words of {@code text}, split at spaces outside backticks: a code span is one word. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean code = false;
        for (char c : text.toCharArray()) {
            if (c == '`') {
                code = !code;
            }
            if (c == ' ' && !code) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    @Override
    public String commandList(Map<String, Help> subcommands) {
        if (subcommands.isEmpty()) {
            return "";
        }
        int width = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Help> e : subcommands.entrySet()) {
            CommandSpec sub = e.getValue().commandSpec();
            if (sub.usageMessage().hidden()) {
                continue;
            }
            String summary = Summaries.of(path(sub));
            if (summary == null) {
                String[] description = sub.usageMessage().description();
                summary = description.length == 0 ? "" : description[0];
            }
            sb.append("  ").append(String.format("%-" + width + "s", e.getKey())).append("  ").append(summary)
                    .append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** The command's name under the root: "claim", "dep add". */
    static String path(CommandSpec spec) {
        String q = spec.qualifiedName(" ");
        String root = spec.root().name();
        return q.startsWith(root + " ") ? q.substring(root.length() + 1) : q;
    }
}

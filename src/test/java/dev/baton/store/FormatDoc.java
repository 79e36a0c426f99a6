package dev.baton.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/format.md as the format tests read it. Two kinds of marks, each an HTML comment on a line of its own (Markdown
 * shows nothing of it):
 * <ul>
 * <li>{@code <!-- example: KIND -->} just before a fenced block: a record or commit message of that kind exactly as
 * baton writes it. In a {@code console} block, the example is the output of its last {@code $ git} line, and of a
 * commit ({@code git cat-file -p}), the message after the header.</li>
 * <li>{@code <!-- keys: KIND -->} just before a table: the keys (or trailers) of that kind, one row each, the first
 * cell the key in backticks. In the {@code args} table the first cell is a command and the second its keys.</li>
 * </ul>
 */
final class FormatDoc {

    static final Path PATH = Path.of("docs", "format.md");

    private static final Pattern MARK = Pattern.compile("^<!-- (example|keys): ([a-z-]+) -->$");
    private static final Pattern KEY = Pattern.compile("`([^`]+)`");

    /** One fenced example: its kind, its block's info string, the example's text, and the line of its mark. */
    record Example(String kind, String info, String text, String header, int line) {

        @Override
        public String toString() {
            return "the " + kind + " example at docs/format.md:" + line;
        }
    }

    private final List<String> lines;
    private final List<Example> examples = new ArrayList<>();
    private final Map<String, List<List<String>>> tables = new LinkedHashMap<>();
    private final Map<String, Integer> tableLines = new LinkedHashMap<>();

    private FormatDoc(List<String> lines) {
        this.lines = lines;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARK.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).equals("example")) {
                examples.add(example(m.group(2), i));
            } else {
                if (tables.containsKey(m.group(2))) {
                    throw new IllegalStateException("docs/format.md:" + (i + 1) + ": a second keys table of "
                            + m.group(2));
                }
                tables.put(m.group(2), table(i));
                tableLines.put(m.group(2), i + 1);
            }
        }
    }

    static FormatDoc read() {
        try {
            return of(Files.readString(PATH, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FormatDoc of(String text) {
        return new FormatDoc(text.lines().toList());
    }

    List<Example> examples() {
        return examples;
    }

    List<Example> examples(String kind) {
        return examples.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    Set<String> tableKinds() {
        return tables.keySet();
    }

    int tableLine(String kind) {
        return tableLines.getOrDefault(kind, -1);
    }

    /** The keys a {@code keys} table lists, in its order; empty when there is no such table. */
    Set<String> keys(String kind) {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> row : tables.getOrDefault(kind, List.of())) {
            Matcher m = KEY.matcher(row.get(0));
            if (!m.find()) {
                throw new IllegalStateException("docs/format.md: a row of the " + kind + " keys table names no key: "
                        + row);
            }
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * The {@code args} table: command name → its keys, the backticked names of the second cell outside parentheses
     * and before a colon ("`items`: a list of `spawn` argument objects" lists {@code items}).
     */
    Map<String, Set<String>> commandKeys() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (List<String> row : tables.getOrDefault("args", List.of())) {
            Matcher command = KEY.matcher(row.get(0));
            if (!command.find()) {
                throw new IllegalStateException("docs/format.md: a row of the args table names no command: " + row);
            }
            String cell = withoutParentheses(row.get(1));
            int colon = cell.indexOf(':');
            cell = colon < 0 ? cell : cell.substring(0, colon);
            Set<String> keys = new LinkedHashSet<>();
            Matcher m = KEY.matcher(cell);
            while (m.find()) {
                keys.add(m.group(1));
            }
            out.put(command.group(1), keys);
        }
        return out;
    }

    private static String withoutParentheses(String text) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private Example example(String kind, int mark) {
        int open = mark + 1;
        String fence = open < lines.size() ? lines.get(open) : "";
        if (!fence.startsWith("```")) {
            throw new IllegalStateException("docs/format.md:" + (mark + 1) + ": the example mark is not followed by a"
                    + " fenced block");
        }
        String info = fence.substring(3).strip();
        List<String> body = new ArrayList<>();
        int i = open + 1;
        for (; i < lines.size() && !lines.get(i).equals("```"); i++) {
            body.add(lines.get(i));
        }
        if (i == lines.size()) {
            throw new IllegalStateException("docs/format.md:" + (mark + 1) + ": the example's block is not closed");
        }
        if (info.equals("console")) {
            body = catFileOutput(body, mark);
        }
        String header = null;
        if (!body.isEmpty() && body.get(0).startsWith("tree ")) {
            int blank = body.indexOf("");
            header = String.join("\n", body.subList(0, blank)) + "\n";
            body = body.subList(blank + 1, body.size());
        }
        return new Example(kind, info, String.join("\n", body) + "\n", header, mark + 1);
    }

    /** The output of the last {@code $ git} line of a console block: up to the next prompt. */
    private static List<String> catFileOutput(List<String> block, int mark) {
        int start = -1;
        for (int i = 0; i < block.size(); i++) {
            if (block.get(i).startsWith("$ git ")) {
                start = i + 1;
            }
        }
        if (start < 0) {
            throw new IllegalStateException("docs/format.md:" + (mark + 1) + ": a console example must show"
                    + " what a `$ git` command printed");
        }
        int end = start;
        while (end < block.size() && !block.get(end).startsWith("$ ")) {
            end++;
        }
        return block.subList(start, end);
    }

    private List<List<String>> table(int mark) {
        int i = mark + 1;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i + 1 >= lines.size() || !lines.get(i).startsWith("|") || !lines.get(i + 1).startsWith("| ---")
                && !lines.get(i + 1).startsWith("|---")) {
            throw new IllegalStateException("docs/format.md:" + (mark + 1) + ": the keys mark is not followed by a"
                    + " table");
        }
        List<List<String>> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(cells(lines.get(i)));
        }
        return rows;
    }

    /** The cells of a table row; a pipe inside backticks does not split. */
    private static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '`') {
                code = !code;
            }
            if (c == '|' && !code) {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return out;
    }
}

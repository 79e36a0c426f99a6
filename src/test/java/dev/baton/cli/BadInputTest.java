package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input as a new user types it: each call fails with exit 1, 2 or 3 and one "baton: " line, and leaves every ref
 * of the repository (the board's tip among them), git's list of worktrees and the worktree folders as they were.
 */
class BadInputTest {

    @TempDir
    Path tmp;

    /**
     * One bad call. In {@code args}, "{id}" stands for a task that agent-a has claimed and "{file}" for a file
     * holding {@code file}; {@code setup} prepares the repository first.
     */
    record Case(String name, Consumer<CliRepo> setup, String file, int exit, String fragment, String... args) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case call(String name, int exit, String fragment, String... args) {
        return new Case(name, r -> { }, null, exit, fragment, args);
    }

    private static Case withFile(String name, String file, int exit, String fragment, String... args) {
        return new Case(name, r -> { }, file, exit, fragment, args);
    }

    private static Case configured(String name, String key, String value, int exit, String fragment, String... args) {
        return new Case(name, r -> r.git("config", key, value), null, exit, fragment, args);
    }

    static Stream<Case> badInputs() {
        String mb = "x".repeat(1024 * 1024);
        return Stream.of(
                // branch names and options reaching git
                call("base read as an option", 2, "'--lock' is not a valid branch name: it starts with '-'",
                        "spawn", "t", "--base=--lock", "--as", "lead"),
                call("base that does not exist", 2, "there is no branch 'nonexistent' here",
                        "spawn", "t", "--base", "nonexistent", "--as", "lead"),
                call("base going up", 2, "'../x' is not a valid branch name", "spawn", "t", "--base", "../x", "--as",
                        "lead"),
                call("base as a ref path", 2, "'refs/heads/../../x' is not a valid branch name",
                        "spawn", "t", "--base", "refs/heads/../../x", "--as", "lead"),
                call("base with a colon", 2, "'x:y' is not a valid branch name: it holds ':'",
                        "spawn", "t", "--base", "x:y", "--as", "lead"),
                call("base with a space", 2, "it holds ' '", "spawn", "t", "--base", "a b", "--as", "lead"),
                call("base ending in .lock", 2, "'.lock'", "spawn", "t", "--base", "main.lock", "--as", "lead"),
                call("base HEAD", 2, "'HEAD' is reserved", "spawn", "t", "--base", "HEAD", "--as", "lead"),
                withFile("batch base read as an option", "{\"title\": \"t\", \"base\": \"--lock\"}\n", 2,
                        "line 1: --base: '--lock' is not a valid branch name", "spawn", "--batch", "{file}", "--as",
                        "lead"),
                withFile("batch base that does not exist", "{\"title\": \"t\", \"base\": \"nope\"}\n", 2,
                        "line 1: --base: there is no branch 'nope' here", "spawn", "--batch", "{file}", "--as", "lead"),
                // durations
                call("spawn lease past long", 2, "'999999999999999d' is longer than the limit of 365 days",
                        "spawn", "t", "--to", "agent-a", "--lease", "999999999999999d", "--as", "lead"),
                call("heartbeat lease past long", 2, "--lease: '999999999999d' is longer than the limit of 365 days",
                        "heartbeat", "{id}", "--lease", "999999999999d", "--as", "agent-a"),
                call("claim lease over a year", 2, "longer than the limit of 365 days",
                        "claim", "--next", "--lease", "366d", "--as", "agent-b"),
                call("lease of zero", 2, "'0s': a duration must be positive",
                        "heartbeat", "{id}", "--lease", "0s", "--as", "agent-a"),
                call("negative lease", 2, "'-5m': a duration must be positive",
                        "heartbeat", "{id}", "--lease=-5m", "--as", "agent-a"),
                configured("baton.lease past long", "baton.lease", "999999999999999d", 2,
                        "git config baton.lease: '999999999999999d' is longer than the limit of 365 days",
                        "claim", "--next", "--as", "agent-b"),
                configured("baton.lease of zero", "baton.lease", "0m", 2, "git config baton.lease: '0m': a duration "
                        + "must be positive", "claim", "--next", "--as", "agent-b"),
                // control characters and sizes
                call("title with BEL", 2, "a task title must not hold control characters (found U+0007",
                        "spawn", "ding\u0007", "--as", "lead"),
                call("title with an ANSI escape", 2, "found U+001B", "spawn", "\u001b[31mred\u001b[0m", "--as", "lead"),
                call("title with an OSC sequence", 2, "found U+001B",
                        "spawn", "\u001b]8;;http://x\u0007link\u001b]8;;\u0007", "--as", "lead"),
                call("title with a C1 control", 2, "found U+009B", "spawn", "csi\u009b2J", "--as", "lead"),
                call("title with a tab", 2, "found U+0009", "spawn", "a\tb", "--as", "lead"),
                call("edited title with an escape", 2, "found U+001B", "edit", "{id}", "--title", "\u001b[2J",
                        "--as", "lead"),
                call("spec with NUL", 2, "a spec must not hold control characters other than tab and line breaks "
                        + "(found U+0000", "spawn", "t", "--spec", "nul\u0000here", "--as", "lead"),
                withFile("spec file with an escape", "# Spec\n\u001b[2J\n", 2, "found U+001B",
                        "spawn", "t", "--spec-file", "{file}", "--as", "lead"),
                call("title of 100,000 characters", 2, "a task title is 100000 characters; the limit is 200",
                        "spawn", "x".repeat(100_000), "--as", "lead"),
                call("spec of 10 MB", 2, "the limit is 1 MiB", "spawn", "t", "--spec", mb.repeat(10), "--as", "lead"),
                withFile("spec file of 10 MB", mb.repeat(10), 2, "is 10485760 bytes; the limit is 1 MiB",
                        "spawn", "t", "--spec-file", "{file}", "--as", "lead"),
                withFile("batch line of 5 MB", "{\"title\": \"t\", \"spec\": \"" + mb.repeat(5) + "\"}\n", 2,
                        "line 1 is longer than", "spawn", "--batch", "{file}", "--as", "lead"),
                withFile("batch spec over 1 MiB", "{\"title\": \"t\", \"spec\": \"" + mb + "x\"}\n", 2,
                        "line 1: the spec is 1048577 bytes", "spawn", "--batch", "{file}", "--as", "lead"),
                withFile("batch title with an escape", "{\"title\": \"\\u001b[31mred\"}\n", 2,
                        "line 1: a task title must not hold control characters", "spawn", "--batch", "{file}", "--as",
                        "lead"),
                withFile("batch priority 1.5", "{\"title\": \"t\", \"priority\": 1.5}\n", 2,
                        "line 1: \"priority\" must be a number 0-4", "spawn", "--batch", "{file}", "--as", "lead"),
                withFile("batch numeric label", "{\"title\": \"t\", \"labels\": [5]}\n", 2,
                        "line 1: \"labels\" must be a list of strings (found 5)", "spawn", "--batch", "{file}", "--as",
                        "lead"),
                call("33 labels", 2, "33 labels; a task carries at most 32", labelled(33)),
                call("label with an escape", 2, "label 'aU+001B[1m' is not valid", "spawn", "t", "--label",
                        "a\u001b[1m", "--as", "lead"),
                call("fail reason with BEL", 2, "a failure reason must not hold control characters",
                        "fail", "{id}", "-m", "bell\u0007", "--as", "agent-a"),
                call("message with an escape", 2, "the message must not hold control characters",
                        "send", "agent-a", "\u001b]52;c;ZXZpbA==\u0007", "--as", "lead"),
                // agent names
                call("agent going up", 2, "'../x' is not a valid agent name", "spawn", "t", "--as", "../x"),
                call("agent going up, before the command", 2, "'../x' is not a valid agent name",
                        "--as", "../x", "list"),
                call("agent going up, no command", 2, "'../x' is not a valid agent name", "--as", "../x"),
                call("agent with an escape", 2, "is not a valid agent name", "spawn", "t", "--as", "a\u001b[1m"));
    }

    private static String[] labelled(int n) {
        List<String> args = new ArrayList<>(List.of("spawn", "t", "--as", "lead"));
        for (int i = 0; i < n; i++) {
            args.add("--label");
            args.add("l" + i);
        }
        return args.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedOnOneLineAndChangesNothing(Case c) throws IOException {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Claimed");
        repo.baton("claim", id, "--as", "agent-a").ok();
        c.setup().accept(repo);
        Path file = tmp.resolve("input");
        if (c.file() != null) {
            Files.writeString(file, c.file(), StandardCharsets.UTF_8);
        }
        String refs = repo.git("for-each-ref", "--format=%(refname) %(objectname)");
        String worktrees = repo.git("worktree", "list", "--porcelain");
        List<String> folders = folders(tmp);

        String[] args = Stream.of(c.args()).map(a -> a.replace("{id}", id).replace("{file}", file.toString()))
                .toArray(String[]::new);
        Run r = repo.baton(args);

        assertThat(r.exit()).as("exit code; %s", r.err()).isEqualTo(c.exit());
        assertThat(r.out()).as("stdout of a failed call").isEmpty();
        assertThat(r.errLines()).as("stderr is one line: %s", r.err()).hasSize(1);
        assertThat(r.err()).startsWith("baton: ").contains(c.fragment()).doesNotContain("Exception");
        assertThat(r.err()).as("no control character reaches the terminal")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u0000");
        assertThat(repo.git("for-each-ref", "--format=%(refname) %(objectname)")).isEqualTo(refs);
        assertThat(repo.git("worktree", "list", "--porcelain")).isEqualTo(worktrees);
        assertThat(folders(tmp)).isEqualTo(folders);
    }

    private static List<String> folders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

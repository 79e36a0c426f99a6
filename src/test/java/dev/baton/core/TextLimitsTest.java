package dev.baton.core;

import static dev.baton.core.Boards.ID;
import static dev.baton.core.Boards.LEAD;
import static dev.baton.core.Boards.LEASE;
import static dev.baton.core.Boards.OWNER;
import static dev.baton.core.Boards.REVIEWER;
import static dev.baton.core.Boards.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The board's limits on titles, specs, labels, reasons and message bodies, and its rules for branch names. */
class TextLimitsTest {

    private static Spawn spawn(String title, String spec, List<String> labels, String base) {
        return new Spawn(ID, title, spec, null, 2, labels, base, LEASE);
    }

    private static String invalid(Command command) {
        Boards b = Boards.empty();
        Rejection r = b.refuse(LEAD, command);
        assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(b.board().all()).isEmpty();
        return r.message();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bell\u0007", "\u001b[31mred\u001b[0m", "\u001b]0;title\u0007", "nul\u0000", "tab\there",
            "del\u007f", "c1\u009b31m", "vt\u000b"})
    void aTitleWithAControlCharacterIsInvalid(String title) {
        assertThat(invalid(spawn(title, null, List.of(), null))).startsWith("a task title must not hold control "
                + "characters (found U+");
    }

    @Test
    void aTitleIsAtMost200Characters() {
        String longest = "\u00e9".repeat(TextLimits.MAX_TITLE_CHARS); // two UTF-8 bytes each: characters are counted
        assertThat(Boards.empty().accept(LEAD, spawn(longest, null, List.of(), null)).task().title())
                .isEqualTo(longest);
        assertThat(invalid(spawn(longest + "x", null, List.of(), null)))
                .isEqualTo("a task title is 201 characters; the limit is 200 (put the rest in --spec)");
        assertThat(invalid(spawn("x".repeat(100_000), null, List.of(), null))).contains("100000 characters");
        // the spaces around it are not kept, so they do not count
        assertThat(Boards.empty().accept(LEAD, spawn("  " + longest + "  ", null, List.of(), null))).isNotNull();
    }

    @Test
    void aSpecKeepsTabsAndLineBreaksButNoOtherControlCharacter() {
        String spec = "# Spec\r\n\n\tindented\n";
        assertThat(Boards.empty().accept(LEAD, spawn(TITLE, spec, List.of(), null)).task().spec()).isEqualTo(spec);
        assertThat(invalid(spawn(TITLE, "a\u0000b", List.of(), null)))
                .isEqualTo("a spec must not hold control characters other than tab and line breaks (found U+0000 at "
                        + "character 2)");
        assertThat(invalid(spawn(TITLE, "\u001b[2J", List.of(), null))).contains("U+001B");
    }

    @Test
    void aSpecIsAtMostOneMebibyte() {
        String largest = "x".repeat(TextLimits.MAX_SPEC_BYTES);
        assertThat(Boards.empty().accept(LEAD, spawn(TITLE, largest, List.of(), null)).task().spec()).hasSize(
                TextLimits.MAX_SPEC_BYTES);
        assertThat(invalid(spawn(TITLE, largest + "y", List.of(), null)))
                .isEqualTo("the spec is 1048577 bytes; the limit is 1 MiB (1048576 bytes)");
        assertThat(invalid(spawn(TITLE, "\u00e9".repeat(TextLimits.MAX_SPEC_BYTES / 2 + 1), List.of(), null)))
                .startsWith("the spec is 1048578 bytes");
    }

    @Test
    void atMost32Labels() {
        List<String> labels = IntStream.range(0, TextLimits.MAX_LABELS).mapToObj(i -> "l" + i).toList();
        assertThat(Boards.empty().accept(LEAD, spawn(TITLE, null, labels, null)).task().labels()).hasSize(32);
        List<String> more = new java.util.ArrayList<>(labels);
        more.add("one-more");
        assertThat(invalid(spawn(TITLE, null, more, null))).isEqualTo("33 labels; a task carries at most 32");
        // the same label twice counts once
        more.set(32, "l0");
        assertThat(Boards.empty().accept(LEAD, spawn(TITLE, null, more, null)).task().labels()).hasSize(32);
    }

    @Test
    void aLabelWithAControlCharacterIsQuotedWithoutIt() {
        assertThat(invalid(spawn(TITLE, null, List.of("a\u001b[31m"), null)))
                .isEqualTo("label 'aU+001B[31m' is not valid; use letters, digits, '.', '_', '-', '/'");
    }

    @Test
    void anEditKeepsToTheSameLimits() {
        Boards b = Boards.queued();
        assertThat(b.refuse(LEAD, new Edit(ID, "ring\u0007", null, null, null)).message())
                .startsWith("a task title must not hold control characters");
        assertThat(b.refuse(LEAD, new Edit(ID, "x".repeat(201), null, null, null)).message())
                .startsWith("a task title is 201 characters");
        assertThat(b.refuse(LEAD, new Edit(ID, "two\nlines", null, null, null)).message())
                .isEqualTo("a task title is one line; put the rest in --spec");
        assertThat(b.refuse(LEAD, new Edit(ID, " ", null, null, null)).message())
                .isEqualTo("a task title must not be empty");
        assertThat(b.refuse(LEAD, new Edit(ID, null, "nul\u0000", null, null)).message())
                .startsWith("a spec must not hold control characters");
        assertThat(b.refuse(LEAD, new Edit(ID, null, "x".repeat(TextLimits.MAX_SPEC_BYTES + 1), null, null)).message())
                .startsWith("the spec is 1048577 bytes");
        assertThat(b.refuse(LEAD, new Edit(ID, null, null, null, List.of("has space"))).message())
                .startsWith("label 'has space' is not valid");
    }

    @Test
    void reasonsHoldNoControlCharacterAndAreAtMost64KiB() {
        assertThat(Boards.drive(TaskState.IN_REVIEW).refuse(REVIEWER, new Reject(ID, "no\u001b[2J", LEASE)).message())
                .startsWith("a rejection reason must not hold control characters");
        assertThat(Boards.drive(TaskState.WORKING).refuse(OWNER, new Fail(ID, 1L, "x".repeat(70_000), null))
                .message()).isEqualTo("a failure reason is 70000 bytes; the limit is 64 KiB (65536 bytes)");
        assertThat(Boards.queued().refuse(LEAD, new Cancel(ID, "bye\u0007")).message())
                .startsWith("a cancel reason must not hold control characters");
        assertThat(Boards.drive(TaskState.WORKING).accept(OWNER, new Fail(ID, 1L, "line one\n\tline two", null))
                .task().reason()).isEqualTo("line one\n\tline two");
    }

    @Test
    void messageBodies() {
        assertThat(Message.checkBody("hello\n\tthere")).isEmpty();
        assertThat(Message.checkBody("\u001b]52;c;ZXZpbA==\u0007")).get().asString()
                .startsWith("the message must not hold control characters");
        assertThat(Message.checkBody("nul\u0000")).get().asString().contains("NUL");
        assertThat(Message.checkBody("x".repeat(Message.MAX_BODY_BYTES + 1))).get().asString().contains("64 KiB");
    }

    // ---- branch names, as git check-ref-format --branch ---------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"main", "release/1.2", "feature/a-b_c", "v1.0", "x", "a.b", "\u00e9t\u00e9", "foo@bar",
            "a-", "x.lockx"})
    void validBranchNames(String name) {
        assertThat(BranchNames.problem(name)).isEmpty();
        assertThat(Boards.empty().accept(LEAD, spawn(TITLE, null, List.of(), name)).task().base()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "--lock", "-x", "HEAD", "@", "../x", "refs/heads/../../x", "x:y", "a..b",
            "a b", "a~1", "a^", "a?", "a*", "a[b", "a\\b", "a@{1}", "/a", "a/", "a//b", ".a", "a/.b", "a.", "a.lock",
            "a/b.lock/c", "tab\tx", "nul\u0000", "del\u007f"})
    void invalidBranchNames(String name) {
        Optional<String> problem = BranchNames.problem(name);
        assertThat(problem).isPresent();
        assertThat(invalid(spawn(TITLE, null, List.of(), name))).startsWith("'")
                .contains("is not a valid branch name: ").doesNotContain("\u0000").doesNotContain("\t");
    }

    @Test
    void aStartRecordsOnlyABaseThatIsABranchName() {
        Boards b = Boards.queued();
        assertThat(b.refuse(OWNER, new Start(ID, null, "--lock", LEASE)))
                .isEqualTo(Rejection.invalid("'--lock' is not a valid branch name: it starts with '-'"));
        assertThat(b.accept(OWNER, new Start(ID, null, "main", LEASE)).task().base()).isEqualTo("main");
    }

    @Test
    void whyNamesTheProblem() {
        assertThat(BranchNames.why("--lock")).isEqualTo("'--lock' is not a valid branch name: it starts with '-'");
        assertThat(BranchNames.why("x:y")).isEqualTo("'x:y' is not a valid branch name: it holds ':'");
        assertThat(BranchNames.why("../x")).isEqualTo("'../x' is not a valid branch name: it holds '..'");
        assertThat(BranchNames.isValid(null)).isFalse();
    }
}

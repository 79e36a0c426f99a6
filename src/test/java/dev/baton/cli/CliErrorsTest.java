package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a CLI call can fail short of a bug: the exit code (1 refused, 2 bad usage or input, 3 environment), one
 * line on stderr starting "baton: " (a JSON object with --json), nothing on stdout, and a board that did not move.
 */
class CliErrorsTest {

    @TempDir
    Path tmp;

    /** A failure as the contract says: the code, nothing on stdout, exactly one "baton: " line on stderr. */
    static void assertFails(Run r, int code, String... fragments) {
        assertThat(r.exit()).as("exit code; %s", r).isEqualTo(code);
        assertThat(r.out()).as("stdout of a failed call").isEmpty();
        assertThat(r.errLines()).as("stderr is one line: %s", r.err()).hasSize(1);
        assertThat(r.err()).startsWith("baton: ").doesNotContain("\tat ").doesNotContain("Exception");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    // ---- 2: bad usage or input -----------------------------------------------------------------------------------

    @Test
    void unknownIdIsABadInputAndChangesNothing() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Known task");
        String tip = repo.tip();

        // valid id characters, but no task has them
        String unknown = id.startsWith("T-zz") ? "T-yyyyyyyy" : "T-zzzzzzzz";
        for (String[] args : List.of(
                new String[] {"show", unknown},
                new String[] {"claim", unknown, "--as", "agent-a"},
                new String[] {"start", unknown, "--as", "agent-a"},
                new String[] {"done", unknown, "--as", "agent-a"},
                new String[] {"approve", unknown, "--as", "agent-b"},
                new String[] {"cancel", unknown, "--as", "lead"},
                new String[] {"log", unknown})) {
            assertFails(repo.baton(args), 2, "no task matches '" + unknown + "'");
        }
        // characters no id has ('o', 'l', 'u', 'i') and the bare prefix are not ids at all
        assertFails(repo.baton("claim", "nope", "--as", "agent-a"), 2, "'nope' is not a task id");
        assertFails(repo.baton("show", "T-"), 2, "is not a task id");

        assertThat(repo.tip()).isEqualTo(tip);
        assertThat(repo.show(id).get("state").asText()).isEqualTo("QUEUED");
    }

    @Test
    void ambiguousPrefixIsABadInputThatNamesTheCandidates() {
        CliRepo repo = CliRepo.initialized(tmp);
        // 32 possible first characters: by the pigeonhole principle two of 33 tasks share one; usually far fewer
        Map<Character, String> byFirst = new HashMap<>();
        String first = null;
        String second = null;
        for (int i = 0; i < 33 && second == null; i++) {
            String id = repo.spawn("Task " + i);
            String other = byFirst.putIfAbsent(id.charAt(2), id);
            if (other != null) {
                first = other;
                second = id;
            }
        }
        assertThat(second).isNotNull();
        String prefix = first.substring(2, 3);
        String tip = repo.tip();

        assertFails(repo.baton("claim", prefix, "--as", "agent-a"), 2, "ambiguous", first, second);
        assertFails(repo.baton("show", "T-" + prefix.toUpperCase()), 2, "ambiguous", first, second);
        assertThat(repo.tip()).isEqualTo(tip);

        // more of the id makes it unique again
        assertThat(repo.show(first).get("id").asText()).isEqualTo(first);
        assertThat(repo.show(second.toUpperCase()).get("id").asText()).isEqualTo(second);
    }

    @Test
    void emptyOrMultiLineTitleIsABadInput() {
        CliRepo repo = CliRepo.initialized(tmp);
        String tip = repo.tip();

        assertFails(repo.baton("spawn", "", "--as", "lead"), 2, "title must not be empty");
        assertFails(repo.baton("spawn", "   ", "--as", "lead"), 2, "title must not be empty");
        assertFails(repo.baton("spawn", "two\nlines", "--as", "lead"), 2, "one line");
        assertFails(repo.baton("spawn", "--as", "lead"), 2, "give the task's title");

        assertThat(repo.tip()).isEqualTo(tip);
        assertThat(repo.baton("list").ok().out()).isEqualTo("no tasks\n");
    }

    /**
     * The JVM turns bytes that are not UTF-8 in an argument into U+FFFD; that is what baton sees in-process. (The
     * real raw-bytes case goes through a shell in PackagedJarIT.)
     */
    @Test
    void titleThatWasNotUtf8IsABadInput() {
        CliRepo repo = CliRepo.initialized(tmp);
        String tip = repo.tip();

        assertFails(repo.baton("spawn", "bad \uFFFD title", "--as", "lead"), 2, "title is not valid UTF-8");
        assertFails(repo.baton("spawn", "ok", "--spec", "bad \uFFFD", "--as", "lead"), 2, "spec is not valid UTF-8");

        assertThat(repo.tip()).isEqualTo(tip);
    }

    @Test
    void specFileThatDoesNotExistOrIsNotUtf8IsABadInput() throws IOException {
        CliRepo repo = CliRepo.initialized(tmp);
        Path missing = tmp.resolve("missing.md");
        Path latin1 = tmp.resolve("latin1.md");
        Files.write(latin1, "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        Path good = tmp.resolve("good.md");
        Files.writeString(good, "# Spec\n\nDo the thing, caf\u00e9.\n", StandardCharsets.UTF_8);
        String tip = repo.tip();

        assertFails(repo.baton("spawn", "t", "--spec-file", missing.toString(), "--as", "lead"), 2,
                "spec file " + missing + " does not exist");
        assertFails(repo.baton("spawn", "t", "--spec-file", latin1.toString(), "--as", "lead"), 2,
                "spec file " + latin1 + " is not valid UTF-8");
        assertFails(repo.baton("spawn", "t", "--spec-file", tmp.toString(), "--as", "lead"), 2, "does not exist");
        assertFails(repo.baton("spawn", "t", "--spec", "x", "--spec-file", good.toString(), "--as", "lead"), 2,
                "not both");
        assertThat(repo.tip()).isEqualTo(tip);

        String id = repo.spawn("t", "--spec-file", good.toString());
        assertThat(repo.show(id).get("spec").asText()).isEqualTo("# Spec\n\nDo the thing, caf\u00e9.\n");
    }

    @Test
    void priorityOutOfRangeIsABadInput() {
        CliRepo repo = CliRepo.initialized(tmp);
        String tip = repo.tip();

        assertFails(repo.baton("spawn", "t", "--priority", "7", "--as", "lead"), 2, "priority 7 is out of range");
        assertFails(repo.baton("spawn", "t", "--priority", "5", "--as", "lead"), 2, "priority 5 is out of range");
        assertFails(repo.baton("spawn", "t", "--priority", "-1", "--as", "lead"), 2, "out of range");
        assertFails(repo.baton("spawn", "t", "--priority", "high", "--as", "lead"), 2, "--priority", "'high'");

        assertThat(repo.tip()).isEqualTo(tip);
        for (int p = 0; p <= 4; p++) {
            String id = repo.spawn("p" + p, "--priority", Integer.toString(p));
            assertThat(repo.show(id).get("priority").asInt()).isEqualTo(p);
        }
    }

    @Test
    void badUsageOfTheCommandLineIsExit2OnOneLine() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("t");
        String tip = repo.tip();

        assertThat(CliRepo.run("frobnicate").err())
                .isEqualTo("baton: unknown command 'frobnicate' (see `baton --help`)\n");
        assertFails(CliRepo.run("frobnicate"), 2);
        assertThat(repo.baton("clam", id, "--as", "agent-a").err())
                .isEqualTo("baton: unknown command 'clam'; did you mean `claim`? (see `baton --help`)\n");
        assertFails(repo.baton("clam", id, "--as", "agent-a"), 2);
        assertFails(repo.baton("dep", "ad", id, id), 2, "unknown command 'ad' of `baton dep`; did you mean `add`?");
        assertFails(CliRepo.run("help", "clam"), 2, "unknown command 'clam'; did you mean `claim`?");
        assertFails(CliRepo.run("help", "dep", "nope"), 2, "unknown command 'nope' of `baton dep` (see");
        assertFails(repo.baton("list", "--no-such-option"), 2, "--no-such-option", "baton list --help");
        assertFails(repo.baton("reject", id, "--as", "agent-b"), 2, "--reason");
        assertFails(repo.baton("claim", "--as", "agent-a"), 2, "give a task id or --next");
        assertFails(repo.baton("claim", id, "--next", "--as", "agent-a"), 2, "give a task id or --next");
        assertFails(repo.baton("claim", id, "--lease", "soon", "--as", "agent-a"), 2, "--lease");
        assertFails(repo.baton("spawn", "t", "--label", "has space", "--as", "lead"), 2, "label 'has space'");
        assertFails(repo.baton("list", "--state", "sleeping"), 2, "unknown state 'sleeping'");
        assertFails(repo.baton("log", "-n", "many"), 2, "'many'");
        assertFails(repo.baton("spawn", "t", "--as", "not an agent"), 2, "'not an agent' is not a valid agent name");

        assertThat(repo.tip()).isEqualTo(tip);
    }

    @Test
    void aHeartbeatAfterTheReapSaysTheLeaseRanOutAndWhatToDo() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("t");
        repo.baton("claim", id, "--lease", "1s", "--as", "agent-a").ok();
        Instant until = Instant.parse(repo.show(id).get("leaseUntil").asText());
        dev.baton.testing.Poll.sleep(Math.max(0, java.time.Duration.between(Instant.now(), until).toMillis()) + 150);
        repo.baton("reap", "--as", "lead").ok();
        java.time.format.DateTimeFormatter clock = java.time.format.DateTimeFormatter.ofPattern("HH:mm'Z'")
                .withZone(java.time.ZoneOffset.UTC);
        String reapedAt = clock.format(Instant.parse(repo.show(id).get("history").get(0).get("at").asText()));
        String tip = repo.tip();

        Run beat = repo.baton("heartbeat", id, "--as", "agent-a");
        assertFails(beat, 1);
        assertThat(beat.err()).isEqualTo("baton: lease lost: your lease on " + id + " ran out at " + clock.format(until)
                + " and the task was reaped at " + reapedAt + "; it is queued again (attempt 2): `baton claim " + id + "` to take it back\n");
        assertThat(repo.tip()).isEqualTo(tip);

        // once someone else has it, the heartbeat says who
        repo.baton("claim", id, "--as", "agent-b").ok();
        assertFails(repo.baton("heartbeat", id, "--as", "agent-a"), 1, id + " is ASSIGNED, owned by agent-b",
                "only agent-b can renew its lease");
    }

    @Test
    void runningACommandThatDoesNotExistIsRefusedBeforeAnythingIsWritten() throws IOException {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("t");
        String tip = repo.tip();
        Path notExecutable = Files.writeString(tmp.resolve("agent.txt"), "echo hi\n");

        Run missing = repo.baton("run", id, "--as", "agent-a", "--", "baton-no-such-agent", "--flag");
        assertFails(missing, 2);
        assertThat(missing.err()).isEqualTo("baton: cannot run 'baton-no-such-agent': no such command on PATH; nothing"
                + " was claimed or started\n");
        assertFails(repo.baton("run", id, "--as", "agent-a", "--", tmp.resolve("nope.sh").toString()), 2,
                "nope.sh': no such file; nothing was claimed or started");
        assertFails(repo.baton("run", id, "--as", "agent-a", "--", notExecutable.toString()), 2,
                "agent.txt': not an executable file");
        assertFails(repo.baton("work", "--as", "agent-a", "--", "baton-no-such-agent"), 2,
                "cannot run 'baton-no-such-agent'");

        assertThat(repo.tip()).isEqualTo(tip);
        JsonNode task = repo.show(id);
        assertThat(task.get("state").asText()).isEqualTo("QUEUED");
        assertThat(task.get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void writingWithNoActorIsABadInputButReadingWorks() {
        CliRepo repo = CliRepo.initialized(tmp);
        // a blank user.email here hides any global one; BATON_AGENT is cleared by the build
        repo.git("config", "user.email", "");
        String tip = repo.tip();

        assertFails(repo.baton("spawn", "t"), 2, "who is acting?", "--as");
        assertThat(repo.tip()).isEqualTo(tip);
        assertThat(repo.baton("list").ok().out()).isEqualTo("no tasks\n");
        assertThat(repo.baton("spawn", "t", "--as", "someone").ok().value()).startsWith("T-");
    }

    @Test
    void helpAndVersionAreNotErrors() {
        Run help = CliRepo.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("spawn", "claim", "merge", "Exit codes:");
        Run version = CliRepo.run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("baton ")
                .contains(", board format 3 (reads formats 2 and 3)");
        assertThat(CliRepo.run("version").ok()).isEqualTo(version);
        // no command: the help, as `baton --help` and `baton help` print it, and exit 0
        assertThat(CliRepo.run().ok()).isEqualTo(help);
        assertThat(CliRepo.run("help").ok()).isEqualTo(help);
    }

    // ---- 3: environment ------------------------------------------------------------------------------------------

    @Test
    void aBatonRemoteThatIsNoRemoteIsAConfigurationErrorAndChangesNothing() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("t");
        String tip = repo.tip();
        repo.git("config", "baton.remote", "nowhere");

        for (String[] args : List.of(new String[] {"list"}, new String[] {"claim", id, "--as", "agent-a"})) {
            Run r = repo.baton(args);
            assertFails(r, 3);
            assertThat(r.err()).isEqualTo("baton: git config baton.remote names 'nowhere', which is not a remote here"
                    + " (see `git remote -v`)\n");
        }
        assertThat(repo.tip()).isEqualTo(tip);
        // a remote named on the command line is the caller's mistake: bad usage
        repo.git("config", "--unset", "baton.remote");
        assertFails(repo.baton("init", "--remote", "nowhere", "--as", "lead"), 2, "'nowhere' is not a remote");
    }

    @Test
    void outsideAGitRepositoryIsAnEnvironmentError() throws IOException {
        Path nowhere = Files.createDirectories(tmp.resolve("not-a-repo"));
        assertThat(TempRepo.tryGitIn(nowhere, "rev-parse", "--git-dir").exitedZero())
                .as("precondition: %s is not inside a repository", nowhere).isFalse();

        for (String[] args : List.of(new String[] {"list"}, new String[] {"init", "--as", "lead"},
                new String[] {"spawn", "t", "--as", "lead"}, new String[] {"board"}, new String[] {"show", "abc"})) {
            assertFails(CliRepo.in(nowhere, args), 3, "not a git repository", nowhere.toString());
        }
        assertThat(nowhere.resolve(".git")).doesNotExist();
    }

    @Test
    void aDirectoryThatDoesNotExistIsABadInput() {
        assertFails(CliRepo.in(tmp.resolve("no/such/dir"), "list"), 2, "no such directory");
    }

    @Test
    void beforeInitIsAnEnvironmentErrorThatSaysToInit() {
        CliRepo repo = CliRepo.create(tmp);

        for (String[] args : List.of(new String[] {"list"}, new String[] {"spawn", "t", "--as", "lead"},
                new String[] {"board"}, new String[] {"log"}, new String[] {"show", "abc"},
                new String[] {"claim", "--next", "--as", "agent-a"})) {
            assertFails(repo.baton(args), 3, "baton init");
        }
        assertThat(repo.tip()).isEmpty();
        assertThat(repo.git("for-each-ref", "refs/baton")).isEmpty();
    }

    @Test
    void boardRefAtACommitBatonDidNotWriteIsAnEnvironmentError() {
        CliRepo repo = CliRepo.create(tmp);
        repo.git("update-ref", "refs/baton/board", "HEAD");
        String tip = repo.tip();

        for (String[] args : List.of(new String[] {"list"}, new String[] {"spawn", "t", "--as", "lead"},
                new String[] {"board"}, new String[] {"show", "abc"}, new String[] {"claim", "--next", "--as", "a"})) {
            assertFails(repo.baton(args), 3, "refs/baton/board points at " + tip.substring(0, 10), "did not write");
        }
        // log walks the history rather than reading the board, and says so in its own words
        assertFails(repo.baton("log"), 3, "board");
        // init neither overwrites it nor calls it a board
        assertFails(repo.baton("init", "--as", "lead"), 3, "refs/baton/board points at " + tip.substring(0, 10),
                "did not write");
        assertThat(repo.tip()).isEqualTo(tip);
        assertThat(repo.git("rev-parse", "HEAD").strip()).isEqualTo(tip);
    }

    @Test
    void initTwiceChangesNothing() {
        CliRepo repo = CliRepo.initialized(tmp);
        String tip = repo.tip();
        assertThat(repo.baton("init", "--as", "lead").ok().out()).contains("already exists");
        JsonNode again = repo.baton("--json", "init", "--as", "lead").ok().json();
        assertThat(again.get("created").asBoolean()).isFalse();
        assertThat(again.get("ref").asText()).isEqualTo("refs/baton/board");
        assertThat(repo.tip()).isEqualTo(tip);
    }

    // ---- 1: refused by the protocol ------------------------------------------------------------------------------

    @Test
    void refusalsAreExit1AndChangeNothing() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Contested");
        repo.baton("claim", id, "--as", "agent-a").ok();
        String tip = repo.tip();

        assertFails(repo.baton("claim", id, "--as", "agent-b"), 1, id, "already claimed by agent-a");
        assertFails(repo.baton("start", id, "--as", "agent-b"), 1, "only agent-a");
        assertFails(repo.baton("fail", id, "-m", "mine now", "--as", "agent-b"), 1, "only agent-a");
        assertFails(repo.baton("done", id, "--as", "agent-a"), 1, "ASSIGNED", "WORKING");
        assertFails(repo.baton("approve", id, "--as", "agent-b"), 1, "IN_REVIEW");
        assertFails(repo.baton("merge", id, "--as", "agent-b"), 1, "APPROVED");
        assertFails(repo.baton("retry", id, "--as", "agent-b"), 1, "FAILED");
        assertThat(repo.tip()).isEqualTo(tip);

        repo.started(id, "agent-a");
        repo.baton("done", id, "--as", "agent-a").ok();
        tip = repo.tip();
        assertFails(repo.baton("approve", id, "--as", "agent-a"), 1, "assigned to you", "someone else");
        assertFails(repo.baton("reject", id, "-m", "no", "--as", "agent-a"), 1, "someone else");
        assertThat(repo.tip()).isEqualTo(tip);

        String other = repo.spawn("Claimed by next");
        repo.baton("claim", other, "--as", "agent-c").ok();
        assertFails(repo.baton("claim", "--next", "--as", "agent-d"), 1, "nothing ready");
        assertFails(repo.baton("claim", "--next", "--label", "nope", "--as", "agent-d"), 1, "nothing ready");
    }

    @Test
    void refusedCommandOnAFinishedTaskIsExit1() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Short-lived");
        repo.baton("cancel", id, "--as", "lead").ok();
        String tip = repo.tip();

        assertFails(repo.baton("claim", id, "--as", "agent-a"), 1, "CANCELLED");
        assertFails(repo.baton("cancel", id, "--as", "lead"), 1, "CANCELLED");
        assertThat(repo.tip()).isEqualTo(tip);
    }

    // ---- how errors look ----------------------------------------------------------------------------------------

    @Test
    void withJsonTheErrorLineIsAJsonObject() throws IOException {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("t");
        repo.baton("claim", id, "--as", "agent-a").ok();
        Path nowhere = Files.createDirectories(tmp.resolve("not-a-repo"));

        assertJsonError(repo.baton("--json", "show", "T-zzzzzzzz"), 2, "no task matches");
        assertJsonError(repo.baton("show", "T-zzzzzzzz", "--json"), 2, "no task matches");
        assertJsonError(repo.baton("--json", "claim", id, "--as", "agent-b"), 1, "already claimed by agent-a");
        assertJsonError(CliRepo.in(nowhere, "--json", "list"), 3, "not a git repository");
        assertJsonError(repo.baton("--json", "spawn", "t", "--priority", "7", "--as", "lead"), 2, "out of range");
    }

    /** Errors found while parsing the command line keep the --json contract too. */
    @Test
    void withJsonACommandLineErrorIsAJsonObjectToo() {
        CliRepo repo = CliRepo.initialized(tmp);
        assertJsonError(repo.baton("--json", "spawn", "t", "--priority", "high"), 2, "'high'");
        assertJsonError(repo.baton("list", "--json", "--no-such-option"), 2, "--no-such-option");
        assertJsonError(CliRepo.run("--json", "frobnicate"), 2, "frobnicate");
        // after "--" it is a title, not the option
        Run titled = repo.baton("spawn", "--as", "lead", "--", "--json");
        assertThat(titled.exit()).isZero();
        assertThat(repo.show(titled.value()).get("title").asText()).isEqualTo("--json");
    }

    static void assertJsonError(Run r, int code, String fragment) {
        assertThat(r.exit()).as("exit code; %s", r).isEqualTo(code);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).as("stderr is one line: %s", r.err()).hasSize(1);
        JsonNode e = Run.parse(r.errLines().get(0));
        assertThat(e.isObject()).isTrue();
        assertThat(e.get("exit").isInt()).isTrue();
        assertThat(e.get("exit").asInt()).isEqualTo(code);
        assertThat(e.get("error").isTextual()).isTrue();
        assertThat(e.get("error").asText()).contains(fragment).doesNotStartWith("baton: ");
    }

    @Test
    void debugAddsTheStackTraceAfterTheLine() {
        CliRepo repo = CliRepo.initialized(tmp);

        Run plain = repo.baton("show", "T-zzzzzzzz");
        assertFails(plain, 2, "no task matches");

        Run debug = repo.baton("--debug", "show", "T-zzzzzzzz");
        assertThat(debug.exit()).isEqualTo(2);
        assertThat(debug.out()).isEmpty();
        assertThat(debug.errLines().get(0)).isEqualTo(plain.errLines().get(0));
        assertThat(debug.errLines().size()).isGreaterThan(2);
        assertThat(debug.err()).contains("BatonException").contains("\tat dev.baton.");

        Run debugAfter = repo.baton("show", "T-zzzzzzzz", "--debug");
        assertThat(debugAfter.errLines().get(0)).isEqualTo(plain.errLines().get(0));
        assertThat(debugAfter.err()).contains("\tat dev.baton.");
    }
}

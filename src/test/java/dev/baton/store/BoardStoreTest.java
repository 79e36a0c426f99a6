package dev.baton.store;

import static dev.baton.store.Boards.BOARD;
import static dev.baton.store.Boards.apply;
import static dev.baton.store.Boards.batonError;
import static dev.baton.store.Boards.gitTrailers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.cli.Json;
import dev.baton.core.Approve;
import dev.baton.core.Cancel;
import dev.baton.core.Claim;
import dev.baton.core.Command;
import dev.baton.core.Done;
import dev.baton.core.Event;
import dev.baton.core.Fail;
import dev.baton.core.Handoff;
import dev.baton.core.Merge;
import dev.baton.core.Reject;
import dev.baton.core.Retry;
import dev.baton.core.Spawn;
import dev.baton.core.Start;
import dev.baton.core.TaskState;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The board ref and its commits: init, one commit per transition, and refusing a ref baton did not write. */
class BoardStoreTest {

    @TempDir
    Path tmp;

    TempRepo repo;

    @BeforeEach
    void setUp() {
        repo = TempRepo.create(tmp);
    }

    @Test
    void initCreatesTheBoardWithOneRootCommit() {
        try (Repository r = repo.openRepository()) {
            assertThat(repo.exists(BOARD)).isFalse();
            assertThat(new BoardStore(r, Clock.systemUTC()).init("admin")).isTrue();
        }
        String tip = repo.rev(BOARD);
        assertThat(repo.git("rev-list", "--count", BOARD).strip()).isEqualTo("1");
        assertThat(repo.git("rev-list", "--parents", "-n", "1", BOARD).strip()).as("no parents").isEqualTo(tip);
        assertThat(repo.git("cat-file", "-t", BOARD).strip()).isEqualTo("commit");

        Map<String, String> trailers = gitTrailers(repo, tip);
        assertThat(trailers).containsEntry("Baton-Format", Integer.toString(BoardLayout.FORMAT_VERSION))
                .containsEntry("Baton-Command", "init")
                .containsEntry("Baton-Actor", "admin").containsKey("Baton-Time");
        assertThat(repo.git("log", "-1", "--format=%an <%ae>", tip).strip()).isEqualTo("admin <admin@baton>");
        assertThat(EventCodec.decode(repo.git("log", "-1", "--format=%B", tip))).isEmpty();

        // the tree holds the format marker and nothing else
        assertThat(Boards.blobs(repo, tip)).containsOnlyKeys("format");
        assertThat(repo.git("cat-file", "blob", tip + ":format")).isEqualTo("baton-board " + BoardLayout.FORMAT_VERSION + "\n");

        // the main branch and the working tree are untouched
        assertThat(repo.git("rev-list", "--count", "main").strip()).isEqualTo("1");
        assertThat(repo.git("status", "--porcelain")).isEmpty();
    }

    @Test
    void initTwiceReturnsFalseAndChangesNothing() {
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.systemUTC());
            assertThat(store.init("admin")).isTrue();
            String tip = repo.rev(BOARD);
            assertThat(store.init("someone-else")).isFalse();
            assertThat(store.init("admin")).isFalse();
            assertThat(repo.rev(BOARD)).isEqualTo(tip);
            assertThat(repo.git("rev-list", "--count", BOARD).strip()).isEqualTo("1");
        }
    }

    @Test
    void eachTransitionIsOneCommitOnTopOfThePreviousTip() throws Exception {
        Clock clock = Clock.systemUTC();
        List<String> tips = new ArrayList<>();
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, clock);
            assertThat(store.init("admin")).isTrue();
            tips.add(store.tip().orElseThrow().name());

            String a = "T-abcdefgh";
            String b = "T-bcdefghj";
            List<Object[]> steps = List.of(
                    step("lead", new Spawn(a, "Implement login", "Use OAuth.\nNo passwords.", null, 1,
                            List.of("web", "auth"), null, 900)),
                    step("agent-a", new Claim(a, 900)),
                    step("agent-a", new Start(a, 1L, "main", 900)),
                    step("agent-a", new Done(a, 1L, new Handoff("login works", "Login.java", null, "add logout", null))),
                    step("reviewer", new Reject(a, "needs tests\n\nsee the test plan", 900)),
                    step("agent-a", new Done(a, 1L, Handoff.summary("tests added"))),
                    step("reviewer", new Approve(a)),
                    step("reviewer", new Merge(a, "0123456789abcdef0123456789abcdef01234567")),
                    step("lead", new Spawn(b, "Fix typo", null, "agent-b", 3, null, "main", 600)),
                    step("agent-b", new Fail(b, 1L, "cannot reproduce", null)),
                    step("lead", new Retry(b)),
                    step("lead", new Cancel(b, "not needed after all")));

            for (Object[] s : steps) {
                String actor = (String) s[0];
                Command command = (Command) s[1];
                String before = store.tip().orElseThrow().name();
                Applied applied = apply(store, actor, command);
                String commit = applied.commit().name();
                assertThat(store.tip()).contains(applied.commit());
                assertThat(applied.attempts()).isEqualTo(1);
                assertOneCommit(before, commit, actor, applied.transition().event());
                tips.add(commit);
            }
        }
        // one linear chain: init and one commit per transition, newest first
        List<String> chain = repo.git("rev-list", "--first-parent", BOARD).lines().toList();
        assertThat(chain).hasSize(tips.size());
        List<String> newestFirst = new ArrayList<>(tips);
        java.util.Collections.reverse(newestFirst);
        assertThat(chain).containsExactlyElementsOf(newestFirst);
        assertThat(repo.git("rev-list", "--merges", BOARD)).isEmpty();
    }

    private static Object[] step(String actor, Command command) {
        return new Object[] {actor, command};
    }

    private void assertOneCommit(String parent, String commit, String actor, Event event) throws Exception {
        // exactly one new commit, whose only parent is the previous tip
        assertThat(repo.git("rev-list", parent + ".." + commit).strip()).isEqualTo(commit);
        assertThat(repo.git("rev-list", "--parents", "-n", "1", commit).strip()).isEqualTo(commit + " " + parent);

        String email = actor + "@baton";
        assertThat(repo.git("log", "-1", "--format=%an|%ae|%cn|%ce", commit).strip())
                .isEqualTo(actor + "|" + email + "|" + actor + "|" + email);
        assertThat(repo.git("log", "-1", "--format=%at", commit).strip())
                .isEqualTo(Long.toString(event.time().getEpochSecond()));

        String subject = repo.git("log", "-1", "--format=%s", commit).strip();
        assertThat(subject).isEqualTo(event.command().name() + " " + event.taskId() + " " + event.title()
                + " (" + actor + ")");
        assertThat(subject).matches("[a-z]+ T-[0-9a-z]{8} .+ \\(" + actor + "\\)");

        Map<String, String> t = gitTrailers(repo, commit);
        assertThat(t).as("trailers git sees in %s", subject).containsEntry("Baton-Format",
                        Integer.toString(BoardLayout.FORMAT_VERSION))
                .containsEntry("Baton-Task", event.taskId())
                .containsEntry("Baton-Command", event.command().name())
                .containsEntry("Baton-Actor", actor)
                .containsEntry("Baton-Epoch", Long.toString(event.epoch()))
                .containsEntry("Baton-To", event.to().name())
                .containsEntry("Baton-Time", event.time().toString())
                .containsKey("Baton-Args");
        if (event.from() == null) {
            assertThat(event.command().name()).isEqualTo("spawn");
            assertThat(t).doesNotContainKey("Baton-From");
        } else {
            assertThat(t).containsEntry("Baton-From", event.from().name());
        }
        assertThat(Instant.parse(t.get("Baton-Time"))).isEqualTo(event.time());

        String message = repo.git("log", "-1", "--format=%B", commit);
        assertThat(Trailers.parse(message)).isEqualTo(t);
        Optional<Event> decoded = EventCodec.decode(message);
        // the title is in the subject only; everything a replay needs comes back from the trailers
        assertThat(decoded).contains(new Event(event.command(), event.actor(), event.time(), event.taskId(), null,
                event.from(), event.to(), event.epoch()));
        assertThat(Json.line(decoded.orElseThrow().command())).isEqualTo(t.get("Baton-Args"));
    }

    @Test
    void reasonsAndHandoffSummariesGoInTheBodyAboveTheTrailers() {
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.systemUTC());
            store.init("lead");
            String id = Boards.spawn(store, "lead", "Do a thing").id();
            Boards.apply(store, "reviewer", new Cancel(id, "duplicate of the other one"));
        }
        String body = repo.git("log", "-1", "--format=%b", BOARD);
        assertThat(body).startsWith("duplicate of the other one\n\nBaton-Format: " + BoardLayout.FORMAT_VERSION + "\n");
        assertThat(gitTrailers(repo, BOARD)).containsEntry("Baton-Command", "cancel")
                .containsEntry("Baton-To", TaskState.CANCELLED.name());
    }

    @Test
    void aRejectedCommandWritesNothing() {
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.systemUTC());
            store.init("lead");
            String id = Boards.spawn(store, "lead", "Contended").id();
            Boards.apply(store, "agent-a", new Claim(id, 900));
            String tip = repo.rev(BOARD);
            BatonException e = batonError(() -> Boards.apply(store, "agent-b", new Claim(id, 900)));
            assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(e.getMessage()).contains("already claimed by agent-a (epoch 1)");
            assertThat(repo.rev(BOARD)).isEqualTo(tip);
        }
    }

    // ---- refusing what baton did not write ---------------------------------------------------------------

    @Test
    void noBoardIsAnEnvironmentErrorThatSaysToRunInit() {
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.systemUTC());
            for (Executable call : List.<Executable>of(
                    () -> store.read().close(),
                    () -> Boards.spawn(store, "agent-a", "too early"))) {
                BatonException e = batonError(call::execute);
                assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
                assertThat(e.getMessage()).contains("run `baton init`");
            }
        }
        assertThat(repo.exists(BOARD)).isFalse();
    }

    @Test
    void aPlainCommitOnTheBoardRefIsRefused() {
        String tree = repo.rev("HEAD^{tree}");
        String plain = repo.git("commit-tree", tree, "-m", "not a board commit").strip();
        repo.git("update-ref", BOARD, plain);
        assertForeign(plain);
    }

    @Test
    void aCommitWithoutBatonTrailersAfterARealBoardIsRefused() {
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.systemUTC());
            store.init("lead");
            Boards.spawn(store, "lead", "one");
        }
        // someone commits on top of the board by hand
        String tip = repo.rev(BOARD);
        String manual = repo.git("commit-tree", tip + "^{tree}", "-p", tip, "-m", "hand edit\n\nSigned-off-by: x <x@y>")
                .strip();
        repo.git("update-ref", BOARD, manual);
        assertForeign(manual);
    }

    @Test
    void aBlobOnTheBoardRefIsRefused() {
        TempRepo.writeFile(tmp.resolve("blob.txt"), "hello\n");
        String blob = repo.git("hash-object", "-w", tmp.resolve("blob.txt").toString()).strip();
        repo.git("update-ref", BOARD, blob);
        assertForeign(blob);
    }

    @Test
    void aBoardFromANewerFormatIsRefusedAsAnEnvironmentError() {
        assertFormatRefused(BoardLayout.FORMAT_VERSION + 1, "newer");
    }

    @Test
    void aBoardFromAnOlderFormatIsRefusedBeforeAnythingIsWritten() {
        assertFormatRefused(BoardLayout.OLDEST_READABLE - 1, "older");
    }

    private void assertFormatRefused(int format, String which) {
        String tree = repo.rev("HEAD^{tree}");
        String other = repo.git("commit-tree", tree, "-m",
                "init board (x)\n\nBaton-Format: " + format + "\nBaton-Command: init\n").strip();
        repo.git("update-ref", BOARD, other);
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.systemUTC());
            for (Executable call : List.<Executable>of(() -> store.read().close(),
                    () -> Boards.spawn(store, "agent-a", "on another format"))) {
                BatonException e = batonError(call::execute);
                assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
                assertThat(e.getMessage()).contains("format " + format).contains(which)
                        .contains("reads " + BoardLayout.readableFormats());
            }
        }
        assertThat(repo.rev(BOARD)).isEqualTo(other);
    }

    private void assertForeign(String objectId) {
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.systemUTC());
            for (Executable call : List.<Executable>of(
                    () -> store.read().close(),
                    () -> Boards.spawn(store, "agent-a", "on a foreign board"))) {
                BatonException e = batonError(call::execute);
                assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
                assertThat(e.getMessage()).contains("did not write").contains(BOARD)
                        .contains(objectId.substring(0, 10));
            }
            // init does not overwrite it either
            assertThat(store.init("agent-a")).isFalse();
        }
        assertThat(repo.rev(BOARD)).isEqualTo(objectId);
    }
}

package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.app.Session;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A real git repository ({@link TempRepo}: {@code <tempDir>/repo}, so baton's default worktree root
 * {@code <tempDir>/repo.baton} is inside the temporary directory as well) for tests of the CLI, with baton run
 * in process against it as {@code Main} runs it, its output captured ({@link Cli}). The board, when there is one, is
 * made by {@link #LEAD} with {@code baton init}. The fixtures of the CLI's packages extend it with what their own tests
 * share.
 */
public class BoardRepo {

    /** Who makes the board and spawns the tasks. */
    public static final String LEAD = "lead";

    private final TempRepo repo;

    /** {@code repo} as it is (with a board or not). */
    protected BoardRepo(TempRepo repo) {
        this.repo = repo;
    }

    /** A new repository at {@code <tempDir>/repo} with one commit on main and the board made by {@link #LEAD}. */
    public static BoardRepo at(Path tempDir) {
        return new BoardRepo(withBoard(TempRepo.create(tempDir)));
    }

    /** Makes the board in {@code repo} ({@code baton init} as {@link #LEAD}) and returns it. */
    protected static TempRepo withBoard(TempRepo repo) {
        Cli.in(repo.dir(), "init", "--as", LEAD).ok();
        return repo;
    }

    public TempRepo repo() {
        return repo;
    }

    public Path dir() {
        return repo.dir();
    }

    /** Runs baton in this repository ({@code -C <repo>} first). */
    public Run baton(String... args) {
        return Cli.in(repo.dir(), args);
    }

    /** Runs baton as if started in {@code where} ({@code -C <where>} first). */
    public static Run in(Path where, String... args) {
        return Cli.in(where, args);
    }

    /** Runs baton in this repository with its output going to {@code out} and {@code err} as it is printed. */
    public int batonTo(Writer out, Writer err, String... args) {
        return Cli.to(out, err, Cli.prepend(List.of("-C", repo.dir().toString()), args));
    }

    /** Spawns a task as {@link #LEAD} ({@code baton spawn <title> <more...>}) and returns its id. */
    public String spawn(String title, String... more) {
        List<String> args = new ArrayList<>(List.of("spawn", title, "--as", LEAD));
        args.addAll(List.of(more));
        Run r = baton(args.toArray(String[]::new)).ok();
        assertThat(r.value()).matches("T-[0-9a-z]{8}");
        return r.value();
    }

    /** The task as {@code show --json} prints it. */
    public JsonNode show(String id) {
        return baton("--json", "show", id).ok().json();
    }

    /** The board's tip commit, or "" when there is no board. */
    public String tip() {
        Run r = repo.tryGit("rev-parse", "--verify", "--quiet", "refs/baton/board");
        return r.exitedZero() ? r.out().strip() : "";
    }

    /** The app layer on the repository, as {@code actor} on {@code clock}. Close it. */
    public Session session(String actor, Clock clock) {
        return repo.session(actor, clock);
    }

    /** Runs git in the repository; fails the test unless it exits 0. Returns stdout. */
    public String git(String... args) {
        return repo.git(args);
    }
}

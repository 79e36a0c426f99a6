package dev.baton.messages;

import dev.baton.app.Session;
import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A real git repository in a temporary folder for the message tests ({@link TempRepo}), and baton run in-process
 * against it with its output captured ({@link Cli}).
 */
final class Repo {

    private final TempRepo repo;

    private Repo(TempRepo repo) {
        this.repo = repo;
    }

    /** {@code <tempDir>/repo} with one commit and the board made by "lead". */
    static Repo withBoard(Path tempDir) {
        Repo repo = new Repo(TempRepo.create(tempDir));
        repo.baton("init", "--as", "lead").ok();
        return repo;
    }

    /** A clone of {@code url} at {@code <tempDir>/<name>} (no board of its own). */
    static Repo cloneOf(Path tempDir, String url, String name) {
        return new Repo(TempRepo.cloneOf(tempDir, url, name));
    }

    Path dir() {
        return repo.dir();
    }

    /** Runs baton in this repository ({@code -C <repo>} first). */
    Run baton(String... args) {
        return Cli.in(repo.dir(), args);
    }

    /** Runs baton with its stdout going to {@code out} as it is printed (for commands that follow). */
    int batonTo(Writer out, Writer err, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", repo.dir().toString()));
        all.addAll(List.of(args));
        return Cli.to(out, err, all.toArray(String[]::new));
    }

    Session coordinator(String actor, Clock clock) {
        return repo.coordinator(actor, clock);
    }

    String spawn(String title, String... more) {
        List<String> args = new ArrayList<>(List.of("spawn", title, "--as", "lead"));
        args.addAll(List.of(more));
        return baton(args.toArray(String[]::new)).ok().value();
    }

    String git(String... args) {
        return repo.git(args);
    }
}

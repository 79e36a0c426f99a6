package dev.baton.messages;

import dev.baton.testing.BoardRepo;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;

/** The message tests' repository ({@link BoardRepo}): one with a board, or a clone of one. */
final class Repo extends BoardRepo {

    private Repo(TempRepo repo) {
        super(repo);
    }

    /** {@code <tempDir>/repo} with one commit and the board made by "lead". */
    static Repo withBoard(Path tempDir) {
        return new Repo(withBoard(TempRepo.create(tempDir)));
    }

    /** A clone of {@code url} at {@code <tempDir>/<name>} (no board of its own). */
    static Repo cloneOf(Path tempDir, String url, String name) {
        return new Repo(TempRepo.cloneOf(tempDir, url, name));
    }
}

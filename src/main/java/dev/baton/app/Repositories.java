package dev.baton.app;

import dev.baton.BatonException;
import java.io.File;
import java.io.IOException;
import dev.baton.store.BoardLayout;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Opens the repository a command runs in, from any folder inside it or inside one of its linked worktrees. */
public final class Repositories {

    /** A repository opened ahead of need ({@link #openAhead}), for the first {@link #open} of the same folder. */
    private record Ahead(File dir, Repository repo) {
    }

    private static final AtomicReference<Ahead> AHEAD = new AtomicReference<>();

    private Repositories() {
    }

    /**
     * Opens the repository of {@code dir} as {@link #open} would and reads its board's tip commit, so that the
     * classes and caches JGit needs for reading are ready; the first {@link #open} of the same folder then takes it.
     * The CLI calls this on a second thread while picocli builds the command on the first. Does nothing when
     * {@code dir} is no repository or anything fails: the command then opens it itself, and reports what is wrong.
     *
     * @return the repository kept for the next open of {@code dir}, or null
     */
    public static Repository openAhead(File dir) {
        File abs = dir.getAbsoluteFile();
        Repository repo;
        try {
            repo = open(abs);
        } catch (RuntimeException e) {
            return null;
        }
        try {
            Ref board = repo.exactRef(BoardLayout.REF);
            if (board != null) {
                try (RevWalk walk = new RevWalk(repo)) {
                    walk.parseHeaders(walk.parseCommit(board.getObjectId()).getTree());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the command reads the board itself, and reports what it finds
        }
        Ahead old = AHEAD.getAndSet(new Ahead(abs, repo));
        if (old != null) {
            old.repo().close();
        }
        return repo;
    }

    public static Repository open(File dir) {
        Ahead ahead = AHEAD.get();
        if (ahead != null && ahead.dir().equals(dir.getAbsoluteFile()) && AHEAD.compareAndSet(ahead, null)) {
            return ahead.repo();
        }
        if (!dir.isDirectory()) {
            throw BatonException.usage("no such directory: " + dir);
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.getAbsoluteFile());
        if (builder.getGitDir() == null) {
            throw BatonException.environment("not a git repository: " + dir.getAbsolutePath()
                    + " (nor any parent); run baton inside a repository or pass -C <dir>");
        }
        try {
            Repository repo = builder.setMustExist(true).build();
            String refStorage = repo.getConfig().getString("extensions", null, "refStorage");
            if (refStorage != null && !refStorage.equalsIgnoreCase("files")) {
                repo.close();
                throw BatonException.environment("this repository keeps refs in " + refStorage + "; baton needs loose "
                        + "refs (files) for safe compare-and-swap across processes");
            }
            return repo;
        } catch (IOException e) {
            throw BatonException.environment("cannot open the repository at " + builder.getGitDir() + ": "
                    + e.getMessage(), e);
        }
    }
}

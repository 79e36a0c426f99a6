package dev.baton.app;

import dev.baton.BatonException;
import java.io.File;
import java.io.IOException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Opens the repository a command runs in, from any folder inside it or inside one of its linked worktrees. */
public final class Repositories {

    private Repositories() {
    }

    public static Repository open(File dir) {
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

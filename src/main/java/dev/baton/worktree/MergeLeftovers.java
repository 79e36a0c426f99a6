package dev.baton.worktree;

import dev.baton.git.Git;

import dev.baton.BatonException;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.FileUtils;

/**
 * The scratch worktrees a merge leaves behind when it is killed ({@link Merger} rebases in
 * {@code <worktree root>/.merge-<uuid>} and removes it when done): found and removed while holding the worktree lock,
 * which every running merge holds, so a merge still at work is never taken for a leftover.
 */
public final class MergeLeftovers {

    private final Worktrees worktrees;

    public MergeLeftovers(Worktrees worktrees) {
        this.worktrees = worktrees;
    }

    /** The leftover scratch folders: registered with git or not, their directory there or not. */
    public List<File> find() {
        return worktrees.exclusively(this::scan);
    }

    /** Removes every leftover (and git's record of it); returns those removed. */
    public List<File> remove() {
        return worktrees.exclusively(() -> {
            List<File> found = scan();
            Git main = new Git(worktrees.mainWorktree());
            for (File scratch : found) {
                Git.Result r = main.run("worktree", "remove", "--force", "--force", "--end-of-options",
                        scratch.getPath());
                if (!r.ok() && scratch.exists()) {
                    try {
                        FileUtils.deleteDirectory(scratch);
                    } catch (IOException e) {
                        throw BatonException.environment("cannot remove " + scratch + ": " + e.getMessage(), e);
                    }
                }
            }
            main.run("worktree", "prune");
            return found;
        });
    }

    private List<File> scan() {
        List<File> found = new ArrayList<>();
        String list = new Git(worktrees.mainWorktree()).check("worktree", "list", "--porcelain");
        for (String line : list.lines().toList()) {
            if (line.startsWith("worktree ")) {
                File f = new File(line.substring("worktree ".length()));
                if (isScratch(f)) {
                    found.add(f);
                }
            }
        }
        File[] here = worktrees.root().listFiles(f -> f.isDirectory() && isScratch(f));
        for (File f : here == null ? new File[0] : here) {
            if (found.stream().noneMatch(g -> same(f, g))) {
                found.add(f);
            }
        }
        return found;
    }

    private boolean isScratch(File f) {
        return f.getName().startsWith(Merger.SCRATCH_PREFIX) && same(f.getParentFile(), worktrees.root());
    }

    private static boolean same(File a, File b) {
        try {
            return a != null && b != null && a.getCanonicalFile().equals(b.getCanonicalFile());
        } catch (IOException e) {
            return a.getAbsoluteFile().equals(b.getAbsoluteFile());
        }
    }
}

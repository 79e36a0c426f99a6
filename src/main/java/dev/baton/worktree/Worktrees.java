package dev.baton.worktree;

import dev.baton.BatonException;
import dev.baton.core.Task;
import dev.baton.git.Git;
import dev.baton.store.Idents;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * A linked worktree and a branch {@code task/<id>} per task, created and removed by baton. Where a task's worktree is
 * and the epoch it was granted at are kept in {@code <git common dir>/baton/worktrees/<id>.json}.
 */
public final class Worktrees {

    public static final String BRANCH_PREFIX = "task/";

    private final Repository repo;

    public Worktrees(Repository repo) {
        this.repo = repo;
    }

    public static String branchOf(String id) {
        return BRANCH_PREFIX + id;
    }

    /** The task whose worktree {@code repo} is, judged by its checked-out branch. */
    public static Optional<String> taskOfCheckout(Repository repo) {
        try {
            String branch = repo.getBranch();
            if (branch != null && branch.startsWith(BRANCH_PREFIX)) {
                return Optional.of(branch.substring(BRANCH_PREFIX.length()));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The git directory the main worktree and every task worktree share. */
    File commonDirectory() {
        return repo.getCommonDirectory();
    }

    /** The main worktree: the folder that holds the common git directory. */
    public File mainWorktree() {
        File common = repo.getCommonDirectory();
        if (repo.isBare() || !common.getName().equals(Constants.DOT_GIT)) {
            return common;
        }
        return common.getAbsoluteFile().getParentFile();
    }

    /** Where task worktrees go: {@code baton.worktreeRoot}, else a sibling folder {@code <repo>.baton}. */
    public File root() {
        String configured = repo.getConfig().getString("baton", null, "worktreeRoot");
        if (configured != null && !configured.isBlank()) {
            File f = new File(configured);
            return f.isAbsolute() ? f : new File(mainWorktree(), configured);
        }
        File main = mainWorktree();
        return new File(main.getParentFile(), main.getName() + ".baton");
    }

    public File pathFor(String id) {
        return new File(root(), id);
    }

    /**
     * The branch a task's work starts from: the task's own, else the branch checked out in the main worktree, else
     * {@code baton.base} (which must be a valid branch name: exit 2 otherwise).
     */
    public String baseFor(Task task) {
        if (task.base() != null) {
            return task.base();
        }
        try {
            // The main worktree's HEAD lives in the common directory, wherever baton runs from.
            File mainHead = new File(repo.getCommonDirectory(), Constants.HEAD);
            String text = mainHead.exists() ? Files.readString(mainHead.toPath(), StandardCharsets.UTF_8).strip() : "";
            if (!repo.isBare() && text.startsWith("ref: " + Constants.R_HEADS)) {
                String branch = text.substring(("ref: " + Constants.R_HEADS).length());
                if (!branch.startsWith(BRANCH_PREFIX) && repo.exactRef(Constants.R_HEADS + branch) != null) {
                    return branch;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String configured = repo.getConfig().getString("baton", null, "base");
        if (configured != null && !configured.isBlank()) {
            if (!dev.baton.core.BranchNames.isValid(configured.strip())) {
                throw BatonException.usage("git config baton.base: "
                        + dev.baton.core.BranchNames.why(configured.strip()));
            }
            return configured.strip();
        }
        throw BatonException.environment("no base branch for " + task.id() + ": check out a branch with a commit in "
                + "the main worktree, or set one with `git config baton.base <branch>`");
    }

    /**
     * Makes sure the task has its worktree on branch {@code task/<id>} (created from {@code base} when the branch is
     * new), writes TASK.md there, and records the epoch. Reuses a worktree that is already there.
     */
    public Workspace ensure(Task task, String base) {
        return exclusively(() -> ensureWorktree(task, base));
    }

    private Workspace ensureWorktree(Task task, String base) {
        if (!dev.baton.core.BranchNames.isValid(base)) {
            // git worktree add -b passes the base on to git branch without --end-of-options (git 2.39)
            throw BatonException.usage("cannot start " + task.id() + " from its base: "
                    + dev.baton.core.BranchNames.why(base));
        }
        String branch = branchOf(task.id());
        File path = pathFor(task.id());
        Git git = new Git(mainWorktree());
        if (!isRegisteredWorktree(git, path)) {
            if (path.exists() && path.list() != null && path.list().length > 0) {
                throw BatonException.environment(path + " exists and is not " + task.id()
                        + "'s worktree; move it away or set baton.worktreeRoot");
            }
            File root = path.getParentFile();
            if (!root.mkdirs() && !root.isDirectory()) {
                throw BatonException.environment("cannot make the worktree root " + root + (root.exists()
                        ? " (it is not a folder)" : "") + "; set another with `git config baton.worktreeRoot <dir>`");
            }
            boolean branchExists = git.run("rev-parse", "--verify", "--quiet", "--end-of-options",
                    "refs/heads/" + branch).ok();
            if (branchExists) {
                git.check("worktree", "add", "--end-of-options", path.getPath(), branch);
            } else {
                try {
                    git.check("worktree", "add", "-b", branch, "--end-of-options", path.getPath(), base);
                } catch (BatonException e) {
                    // git may have made the branch before failing on the folder: a failed start leaves no branch
                    git.run("branch", "-D", branch);
                    throw e;
                }
            }
        }
        excludeTaskFile();
        write(new File(path, TaskFile.NAME), TaskFile.render(task));
        Workspace ws = new Workspace(task.id(), path.getAbsolutePath(), branch, task.epoch(), task.assignee());
        record(ws);
        return ws;
    }

    /** Rewrites TASK.md (and the recorded epoch) of a task whose worktree exists here. */
    public void refresh(Task task) {
        workspace(task.id()).ifPresent(ws -> {
            File path = new File(ws.path());
            if (path.isDirectory()) {
                write(new File(path, TaskFile.NAME), TaskFile.render(task));
                record(new Workspace(ws.id(), ws.path(), ws.branch(), task.epoch(), task.assignee()));
            }
        });
    }

    /** The worktree this clone made for {@code id}, if any. */
    public Optional<Workspace> workspace(String id) {
        File f = recordFile(id);
        if (!f.exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Workspace.decode(java.nio.file.Files.readAllBytes(f.toPath())));
        } catch (IOException e) {
            throw BatonException.environment("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** Why a worktree was kept, or that it was removed. */
    public enum Removal { REMOVED, NONE, KEPT_DIRTY, KEPT_UNMERGED }

    /**
     * Removes the task's worktree and branch when nothing would be lost: no uncommitted change and no commit that is
     * not on {@code base}. With {@code force}, removes them anyway.
     */
    public Removal remove(String id, String base, boolean force) {
        return exclusively(() -> removeWorktree(id, base, force));
    }

    private Removal removeWorktree(String id, String base, boolean force) {
        File path = pathFor(id);
        Optional<Workspace> ws = workspace(id);
        if (ws.isPresent()) {
            path = new File(ws.get().path());
        }
        String branch = branchOf(id);
        Git main = new Git(mainWorktree());
        boolean registered = isRegisteredWorktree(main, path);
        boolean branchExists = main.run("rev-parse", "--verify", "--quiet", "--end-of-options",
                "refs/heads/" + branch).ok();
        if (!registered && !branchExists) {
            forget(id);
            return Removal.NONE;
        }
        if (!force) {
            if (registered) {
                String status = new Git(path).check("status", "--porcelain", "--untracked-files=normal");
                boolean dirty = status.lines().anyMatch(l -> !l.endsWith(" " + TaskFile.NAME));
                if (dirty) {
                    return Removal.KEPT_DIRTY;
                }
            }
            if (branchExists && base != null
                    && !main.run("merge-base", "--is-ancestor", "--end-of-options", "refs/heads/" + branch,
                    "refs/heads/" + base).ok()) {
                return Removal.KEPT_UNMERGED;
            }
        }
        if (registered) {
            new File(path, TaskFile.NAME).delete();
            Git.Result r = main.run("worktree", "remove", "--force", "--end-of-options", path.getPath());
            if (!r.ok()) {
                throw BatonException.environment("git worktree remove failed: " + r.firstError());
            }
        }
        if (branchExists) {
            main.check("branch", "-D", "--end-of-options", branch);
        }
        forget(id);
        return Removal.REMOVED;
    }

    /**
     * Runs {@code action} holding this repository's worktree lock ({@code baton/worktree.lock} in the common git
     * directory). git's worktree commands are not safe side by side: one that reads the list of worktrees fails on
     * another's half-made one ("fatal: failed to read .../commondir"), so agents starting tasks at the same moment
     * would fail at random. The operating system releases the lock when its holder dies. Not reentrant.
     */
    <T> T exclusively(java.util.function.Supplier<T> action) {
        File file = new File(repo.getCommonDirectory(), "baton/worktree.lock");
        synchronized (Worktrees.class) {
            try {
                Files.createDirectories(file.getParentFile().toPath());
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file.toPath(),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
                    java.nio.channels.FileLock held = ch.lock();
                    try {
                        return action.get();
                    } finally {
                        held.release();
                    }
                }
            } catch (IOException e) {
                throw BatonException.environment("cannot lock " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private boolean isRegisteredWorktree(Git git, File path) {
        String list = git.check("worktree", "list", "--porcelain");
        String want = canonical(path);
        return list.lines().filter(l -> l.startsWith("worktree "))
                .anyMatch(l -> canonical(new File(l.substring("worktree ".length()))).equals(want));
    }

    private static String canonical(File f) {
        try {
            return f.getCanonicalPath();
        } catch (IOException e) {
            return f.getAbsolutePath();
        }
    }

    /** Adds {@code /TASK.md} to the repository's info/exclude once, so git ignores it in every worktree. */
    private void excludeTaskFile() {
        File exclude = new File(repo.getCommonDirectory(), "info/exclude");
        try {
            String text = exclude.exists() ? Files.readString(exclude.toPath(), StandardCharsets.UTF_8) : "";
            StringBuilder add = new StringBuilder();
            for (String line : java.util.List.of("/" + TaskFile.NAME, "/" + TaskFile.HANDOFF)) {
                if (text.lines().noneMatch(line::equals)) {
                    add.append(line).append('\n');
                }
            }
            if (add.length() > 0) {
                exclude.getParentFile().mkdirs();
                String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
                String temp = exclude.getPath() + "." + ProcessHandle.current().pid();
                Files.writeString(java.nio.file.Path.of(temp), text + sep
                        + "# written by baton: a task worktree's brief and the handoff an agent leaves\n" + add,
                        StandardCharsets.UTF_8);
                Files.move(java.nio.file.Path.of(temp), exclude.toPath(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw BatonException.environment("cannot update " + exclude + ": " + e.getMessage(), e);
        }
    }

    private File recordFile(String id) {
        return new File(repo.getCommonDirectory(), "baton/worktrees/" + id + ".json");
    }

    private void record(Workspace ws) {
        write(recordFile(ws.id()), ws.encode());
    }

    private void forget(String id) {
        recordFile(id).delete();
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    static void write(File target, String text) {
        try {
            target.getParentFile().mkdirs();
            File tmp = new File(target.getParentFile(), "." + target.getName() + "." + ProcessHandle.current().pid());
            Files.writeString(tmp.toPath(), text, StandardCharsets.UTF_8);
            Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw BatonException.environment("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    Map<String, String> identityEnv(String actor) {
        return Map.of("GIT_COMMITTER_NAME", actor, "GIT_COMMITTER_EMAIL", Idents.email(actor));
    }
}

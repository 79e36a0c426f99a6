package dev.baton.hooks;

import dev.baton.BatonException;
import dev.baton.git.Git;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Installs baton's hook scripts (packaged from {@code hooks/} into {@code dev/baton/hooks/scripts/}) into a
 * repository's hooks folder, wherever git looks for it ({@code core.hooksPath} included; linked worktrees share it).
 * Each installed script is marked with a {@code # baton-hook:} line and carries the baton command it runs. A hook that
 * was there before is kept as {@code <name>.pre-baton} and run first by baton's script; uninstalling puts it back as it
 * was. Installing again changes nothing unless the scripts or the command differ.
 */
public final class HookInstaller {

    /** The hooks of a clone agents work in. */
    public static final List<String> CLIENT_HOOKS = List.of("pre-commit", "pre-merge-commit", "commit-msg",
            "post-commit", "pre-push");
    /** The hooks of the bare repository agents push to. */
    public static final List<String> SERVER_HOOKS = List.of("update");
    /** The line that marks a script as baton's. */
    public static final String MARKER = "# baton-hook: ";
    /** The suffix a hook that was there before baton's is kept under. */
    public static final String CHAINED = ".pre-baton";

    private static final String COMMAND_LINE = "baton_cmd=";
    private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** What one install or uninstall did to one hook. */
    public enum Action {
        /** baton's script was written where there was none. */
        INSTALLED,
        /** baton's script was written, and the hook that was there kept as {@code <name>.pre-baton} and run first. */
        CHAINED,
        /** baton's script was rewritten (newer scripts, or another baton command). */
        UPDATED,
        /** baton's script was there already, as it would be written. */
        UNCHANGED,
        /** baton's script was removed. */
        REMOVED,
        /** baton's script was removed and the hook it had chained put back. */
        RESTORED,
        /** a hook that is not baton's is there: left alone. */
        NOT_OURS,
        /** nothing was there. */
        ABSENT
    }

    /** What happened to one hook. */
    public record Change(String hook, Action action, File path) {
    }

    /**
     * One hook as it is now.
     *
     * @param installed whether baton's script is there
     * @param current   whether it is the script this baton would write (false: reinstall to update it)
     * @param command   the baton command it runs, as recorded (null if not baton's)
     * @param chained   whether it runs a hook that was there before ({@code <name>.pre-baton})
     * @param foreign   whether a hook that is not baton's is there instead
     */
    public record State(String hook, File path, boolean installed, boolean current, String command, boolean chained,
                        boolean foreign) {
    }

    private final File dir;

    public HookInstaller(File hooksDir) {
        this.dir = hooksDir;
    }

    /** The folder git runs {@code repoDir}'s hooks from ({@code core.hooksPath}, else the common git dir's hooks). */
    public static HookInstaller forRepository(File repoDir) {
        if (!repoDir.isDirectory()) {
            throw BatonException.usage("no such directory: " + repoDir);
        }
        Git.Result r = new Git(repoDir).run("rev-parse", "--path-format=absolute", "--git-path", "hooks");
        if (!r.ok()) {
            throw BatonException.environment("not a git repository: " + repoDir.getAbsolutePath() + " (" + r.firstError()
                    + ")");
        }
        return new HookInstaller(new File(r.stdout().strip()));
    }

    /** The hooks folder. */
    public File dir() {
        return dir;
    }

    /**
     * Why linked worktrees of {@code repoDir} would not run the hooks installed here, if they would not: a relative
     * {@code core.hooksPath} is looked up from each worktree's own top folder.
     */
    public static Optional<String> worktreeWarning(File repoDir) {
        Git.Result r = new Git(repoDir).run("config", "--get", "core.hooksPath");
        String path = r.ok() ? r.stdout().strip() : "";
        if (path.isEmpty() || new File(path).isAbsolute() || path.startsWith("~")) {
            return Optional.empty();
        }
        return Optional.of("core.hooksPath is relative (" + path + "): each linked worktree looks for hooks under its "
                + "own top folder, so task worktrees run these only if " + path + " is there too (an absolute "
                + "core.hooksPath avoids this)");
    }

    /** Installs {@code hooks}, each running {@code command} (a shell command line); see the class comment. */
    public List<Change> install(List<String> hooks, String command) {
        for (String hook : hooks) {
            File target = file(hook);
            if (exists(target) && !isOurs(target) && exists(chained(hook))) {
                throw BatonException.environment("both " + target + " and " + chained(hook).getName() + " exist and "
                        + "neither is baton's; move one of them aside, then install again");
            }
        }
        List<Change> changes = new ArrayList<>();
        try {
            Files.createDirectories(dir.toPath());
            for (String hook : hooks) {
                File target = file(hook);
                String text = render(hook, command);
                Action action;
                if (exists(target) && isOurs(target)) {
                    action = text.equals(read(target)) ? Action.UNCHANGED : Action.UPDATED;
                } else if (exists(target)) {
                    Files.move(target.toPath(), chained(hook).toPath(), StandardCopyOption.ATOMIC_MOVE);
                    action = Action.CHAINED;
                } else {
                    action = Action.INSTALLED;
                }
                if (action != Action.UNCHANGED) {
                    write(target, text);
                }
                makeExecutable(target.toPath());
                changes.add(new Change(hook, action, target));
            }
        } catch (IOException e) {
            throw BatonException.environment("cannot install the hooks in " + dir + ": " + e.getMessage(), e);
        }
        return changes;
    }

    /** Removes baton's scripts and puts back the hooks they had chained; leaves other hooks alone. */
    public List<Change> uninstall(List<String> hooks) {
        List<Change> changes = new ArrayList<>();
        try {
            for (String hook : hooks) {
                File target = file(hook);
                File before = chained(hook);
                Action action;
                if (exists(target) && !isOurs(target)) {
                    action = Action.NOT_OURS;
                } else {
                    boolean had = exists(target);
                    Files.deleteIfExists(target.toPath());
                    if (exists(before)) {
                        Files.move(before.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);
                        action = Action.RESTORED;
                    } else {
                        action = had ? Action.REMOVED : Action.ABSENT;
                    }
                }
                changes.add(new Change(hook, action, target));
            }
        } catch (IOException e) {
            throw BatonException.environment("cannot uninstall the hooks in " + dir + ": " + e.getMessage(), e);
        }
        return changes;
    }

    public List<State> status(List<String> hooks) {
        List<State> out = new ArrayList<>();
        for (String hook : hooks) {
            File target = file(hook);
            boolean chained = exists(chained(hook));
            if (!exists(target)) {
                out.add(new State(hook, target, false, false, null, chained, false));
            } else if (!isOurs(target)) {
                out.add(new State(hook, target, false, false, null, chained, true));
            } else {
                String text = read(target);
                String line = text.lines().filter(l -> l.startsWith(COMMAND_LINE)).findFirst().orElse(COMMAND_LINE);
                String command = unquote(line.substring(COMMAND_LINE.length()));
                boolean current = text.equals(render(hook, command)) && Files.isExecutable(target.toPath());
                out.add(new State(hook, target, true, current, command, chained, false));
            }
        }
        return out;
    }

    /** The script of {@code hook}, set to run {@code command}. */
    public static String render(String hook, String command) {
        String template = template(hook);
        StringBuilder sb = new StringBuilder();
        boolean replaced = false;
        for (String line : template.split("\n", -1)) {
            if (!replaced && line.startsWith(COMMAND_LINE)) {
                line = COMMAND_LINE + quote(command);
                replaced = true;
            }
            sb.append(line).append('\n');
        }
        sb.setLength(sb.length() - 1);
        if (!replaced) {
            throw new IllegalStateException("the " + hook + " script has no " + COMMAND_LINE + " line");
        }
        return sb.toString();
    }

    /** The packaged script of {@code hook}, as it is in the {@code hooks/} folder of the source. */
    public static String template(String hook) {
        try (InputStream in = HookInstaller.class.getResourceAsStream("scripts/" + hook)) {
            if (in == null) {
                throw new BatonException(dev.baton.ExitCode.INTERNAL, "this baton was built without its " + hook
                        + " hook script (dev/baton/hooks/scripts/" + hook + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BatonException(dev.baton.ExitCode.INTERNAL, "cannot read the " + hook + " hook script", e);
        }
    }

    /** Whether {@code f} is a script baton installed. */
    public static boolean isOurs(File f) {
        try {
            return Files.isRegularFile(f.toPath()) && Files.readString(f.toPath(), StandardCharsets.ISO_8859_1)
                    .lines().limit(5).anyMatch(l -> l.startsWith(MARKER));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The command the installed hooks should run when none is given: $BATON, else the launcher that started this
     * baton ({@code bin/baton} says so with {@code -Dbaton.launcher}), else this JVM and class path with
     * {@code dev.baton.cli.Main}.
     */
    public static String defaultCommand() {
        String env = System.getenv("BATON");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        String launcher = System.getProperty("baton.launcher");
        if (launcher != null && new File(launcher).canExecute()) {
            return quote(new File(launcher).getAbsolutePath());
        }
        String java = quote(new File(System.getProperty("java.home"), "bin/java").getAbsolutePath())
                + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";
        String classPath = System.getProperty("java.class.path");
        try {
            File source = new File(HookMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (source.isFile()) {
                classPath = source.getAbsolutePath();
            }
        } catch (Exception e) {
            // keep the class path of this JVM
        }
        return java + " -cp " + quote(classPath) + " dev.baton.cli.Main";
    }

    /** {@code s} as one shell word. */
    public static String quote(String s) {
        if (SAFE_WORD.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).replace("'\\''", "'");
        }
        return s;
    }

    private File file(String hook) {
        return new File(dir, hook);
    }

    private File chained(String hook) {
        return new File(dir, hook + CHAINED);
    }

    private static boolean exists(File f) {
        return Files.exists(f.toPath(), LinkOption.NOFOLLOW_LINKS);
    }

    private static String read(File f) {
        try {
            return Files.readString(f.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BatonException.environment("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static void write(File target, String text) throws IOException {
        Path tmp = target.toPath().resolveSibling("." + target.getName() + ".baton-" + ProcessHandle.current().pid());
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        makeExecutable(tmp);
        Files.move(tmp, target.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void makeExecutable(Path p) throws IOException {
        try {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
            perms.addAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException e) {
            p.toFile().setExecutable(true, false);
        }
    }
}

package dev.baton.git;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * What JGit does on first use in every process, made cheap for a CLI that starts often.
 *
 * <ul>
 *   <li>JGit measures the file system's timestamp resolution on first use (about 3 s) and caches the result under
 *       {@code $XDG_CONFIG_HOME/jgit}. When that folder cannot be written every process would pay again, so baton
 *       points JGit at a writable folder of its own instead.
 *   <li>JGit finds git's system-wide config file by running {@code git --version} and then
 *       {@code git config --system --show-origin --list} (two processes, some 20 ms when the machine is idle). The
 *       answer depends only on the git binary and on {@code $GIT_CONFIG_SYSTEM}, so baton keeps it, keyed by both, in
 *       {@code $XDG_CACHE_HOME/baton} (default {@code ~/.cache/baton}) and hands it to JGit on the next start. Only
 *       where JGit finds git by searching {@code $PATH} (not on macOS or Windows, where it looks elsewhere too), and
 *       only a file that was found: with none, JGit asks git every time, as it would without baton.
 *   <li>JGit logs through SLF4J, whose first use looks for a provider with a {@link java.util.ServiceLoader} scan of
 *       the class path (some 10-15 ms a process). baton ships exactly one, the silent {@code slf4j-nop}, so it names
 *       that one ({@code slf4j.provider}) and keeps SLF4J's own notices below warnings, as without the property.
 *       A property set on the command line ({@code BATON_JAVA_OPTS}) is left as it is.
 * </ul>
 */
public final class JGitEnvironment {

    static final String SYSTEM_CONFIG_CACHE = "git-system-config";

    private JGitEnvironment() {
    }

    public static void prepare() {
        quietLoggerProvider();
        writableConfigFolder();
        knownSystemConfig(SystemReader.getInstance(), FS.DETECTED);
    }

    static final String NOP_PROVIDER = "org.slf4j.nop.NOPServiceProvider";

    static void quietLoggerProvider() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", NOP_PROVIDER);
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                // naming the provider makes SLF4J say so at INFO on stderr; only warnings and errors are wanted
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
    }

    private static void writableConfigFolder() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        File config = xdg != null && !xdg.isBlank() ? new File(xdg) : new File(System.getProperty("user.home"), ".config");
        if (writable(new File(config, "jgit"))) {
            return;
        }
        File own = new File(System.getProperty("java.io.tmpdir"), "baton-" + System.getProperty("user.name") + "/config");
        if (!writable(new File(own, "jgit"))) {
            return;
        }
        String path = own.getAbsolutePath();
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public String getenv(String variable) {
                return "XDG_CONFIG_HOME".equals(variable) ? path : super.getenv(variable);
            }
        });
    }

    /** Hands {@code fs} the system config file kept for this git, or finds it as JGit does and keeps it. */
    static void knownSystemConfig(SystemReader system, FS fs) {
        try {
            String noSystem = system.getenv("GIT_CONFIG_NOSYSTEM");
            if (noSystem != null && !noSystem.isEmpty() || system.isMacOS() || system.isWindows()) {
                return; // JGit reads no system config, or finds git by other means than $PATH
            }
            File git = onPath(system.getenv("PATH"), "git");
            Path cache = cacheFolder(system);
            if (git == null || cache == null) {
                return;
            }
            String override = system.getenv("GIT_CONFIG_SYSTEM");
            String key = git.getPath() + '\t' + git.length() + '\t' + git.lastModified() + '\t'
                    + (override == null ? "" : override);
            Path file = cache.resolve(SYSTEM_CONFIG_CACHE);
            String known = cached(file, key);
            if (known != null) {
                fs.setGitSystemConfig(new File(known));
                return;
            }
            File found = fs.getGitSystemConfig(); // JGit asks git, as always
            if (found != null && found.getPath().indexOf('\n') < 0) {
                remember(file, key + '\t' + found.getPath() + '\n');
            }
        } catch (RuntimeException | IOException e) {
            // nothing is lost: JGit asks git itself
        }
    }

    /** The first executable {@code name} in the folders of {@code path}, as JGit looks for git. */
    static File onPath(String path, String name) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) {
                return f.getAbsoluteFile();
            }
        }
        return null;
    }

    /** The system config file kept for {@code key}, or null. */
    static String cached(Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        int tab = line.lastIndexOf('\t');
        return tab > 0 && line.substring(0, tab).equals(key) && tab + 1 < line.length() ? line.substring(tab + 1) : null;
    }

    /** Replaces the cache file in one step, so that a process reading it at the same time sees all or nothing. */
    private static void remember(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), SYSTEM_CONFIG_CACHE, ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code $XDG_CACHE_HOME/baton}, else {@code ~/.cache/baton}; null when it cannot be made. */
    private static Path cacheFolder(SystemReader system) {
        String xdg = system.getenv("XDG_CACHE_HOME");
        File base = xdg != null && !xdg.isBlank() ? new File(xdg) : new File(System.getProperty("user.home"), ".cache");
        File dir = new File(base, "baton");
        return writable(dir) ? dir.toPath() : null;
    }

    private static boolean writable(File dir) {
        try {
            Files.createDirectories(dir.toPath());
            return Files.isWritable(dir.toPath());
        } catch (Exception e) {
            return false;
        }
    }
}

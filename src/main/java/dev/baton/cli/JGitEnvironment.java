package dev.baton.cli;

import java.io.File;
import java.nio.file.Files;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit measures the file system's timestamp resolution on first use (about 3 s) and caches the result under
 * {@code $XDG_CONFIG_HOME/jgit}. When that folder cannot be written every process would pay again, so baton points
 * JGit at a writable folder of its own instead.
 */
public final class JGitEnvironment {

    private JGitEnvironment() {
    }

    public static void prepare() {
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

    private static boolean writable(File dir) {
        try {
            Files.createDirectories(dir.toPath());
            return Files.isWritable(dir.toPath());
        } catch (Exception e) {
            return false;
        }
    }
}

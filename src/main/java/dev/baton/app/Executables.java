package dev.baton.app;

import dev.baton.BatonException;
import java.io.File;

/**
 * Whether a command baton is asked to supervise can be started at all, checked before anything is claimed or started:
 * a name without a slash must be an executable file on PATH, an absolute path an executable file. A relative path
 * with a slash is left to the run, which starts the command in the task's worktree, where it is resolved.
 */
public final class Executables {

    private Executables() {
    }

    /** Refuses (bad input, exit 2) a command that cannot be started; {@code path} is the PATH to search. */
    public static void require(String command, String path) {
        if (command.isEmpty()) {
            throw BatonException.usage("the command to run is empty");
        }
        if (command.contains("/")) {
            File f = new File(command);
            if (f.isAbsolute() && !(f.isFile() && f.canExecute())) {
                throw BatonException.usage("cannot run '" + command + "': " + (f.exists() ? "not an executable file"
                        : "no such file") + "; nothing was claimed or started");
            }
            return;
        }
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir.isEmpty() ? "." : dir, command);
                if (f.isFile() && f.canExecute()) {
                    return;
                }
            }
        }
        throw BatonException.usage("cannot run '" + command + "': no such command on PATH; nothing was claimed or"
                + " started");
    }
}

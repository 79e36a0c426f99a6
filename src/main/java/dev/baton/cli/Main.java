package dev.baton.cli;

import dev.baton.git.JGitEnvironment;
import picocli.CommandLine;

/** The {@code baton} entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("hook")) {
            // what the git hooks run: a lean entry point that does not load picocli
            dev.baton.hooks.HookMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int code;
        try {
            WarmUp warmUp = WarmUp.start(args);
            CommandLine cl = BatonCommand.commandLine(args);
            warmUp.await();
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            code = BatonCommand.onOutOfMemory(args);
        }
        System.exit(code);
    }

    /**
     * The folder the call runs in as picocli will read it: the last {@code -C} (given before or after the command
     * name), else the working folder. A guess that turns out wrong costs only the repository opened for nothing.
     */
    static java.io.File workDir(String[] args) {
        String dir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-C") && i + 1 < args.length) {
                dir = args[++i];
            } else if (a.startsWith("-C") && a.length() > 2) {
                dir = a.substring(a.charAt(2) == '=' ? 3 : 2);
            }
        }
        return new java.io.File(dir != null ? dir : System.getProperty("user.dir"));
    }

    /**
     * While picocli builds the command's model on this thread (by reflection, some 100 ms of CPU), a second one
     * prepares JGit's environment and opens the repository the call names ({@code -C}, else the working folder) with
     * its board's tip, which nearly every command needs next (docs/benchmarks.md, "CLI start-up").
     * Only for a call that names a command; help and errors prepare JGit on this thread, as before. The board's
     * records are read and written without Jackson's mapper (RecordJson), and the {@code --json} output of the
     * common commands is made without it too (JsonTree); the second thread makes the mapper only for a call with
     * {@code --json} of another command, whose output still needs it.
     */
    private static final class WarmUp implements Runnable {

        /** The commands whose {@code --json} output is made without the mapper (JsonTree). */
        private static final java.util.Set<String> TREE_JSON = java.util.Set.of("show", "list", "claim", "start",
                "done", "heartbeat");

        private final Thread thread;
        private final boolean json;
        private final java.io.File dir;
        private volatile boolean prepared;

        private WarmUp(boolean background, boolean json, java.io.File dir) {
            thread = background ? new Thread(this, "baton-warm-up") : null;
            this.json = json;
            this.dir = dir;
        }

        static WarmUp start(String[] args) {
            String command = BatonCommand.invoked(args);
            boolean mapper = command != null && !TREE_JSON.contains(command) && BatonCommand.asksForJson(args);
            WarmUp w = new WarmUp(command != null, mapper, workDir(args));
            if (w.thread == null) {
                JGitEnvironment.prepare();
                w.prepared = true;
            } else {
                w.thread.setDaemon(true);
                w.thread.start();
            }
            return w;
        }

        @Override
        public void run() {
            try {
                JGitEnvironment.prepare();
                prepared = true;
                dev.baton.app.Repositories.openAhead(dir);
                if (json) {
                    Json.MAPPER.getTypeFactory(); // this command's --json output needs the mapper
                }
            } catch (Throwable e) {
                // the command meets the same trouble on its own thread, and reports it there
            }
        }

        /** Returns once JGit's environment is prepared: on the second thread, or here if that did not get to it. */
        void await() {
            if (thread != null) {
                boolean interrupted = false;
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!prepared) {
                JGitEnvironment.prepare();
            }
        }
    }
}

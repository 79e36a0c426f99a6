package dev.baton.cli;

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
        JGitEnvironment.prepare();
        int code;
        try {
            code = BatonCommand.commandLine(args).execute(args);
        } catch (OutOfMemoryError e) {
            code = BatonCommand.onOutOfMemory(args);
        }
        System.exit(code);
    }
}

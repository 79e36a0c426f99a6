package dev.baton.cli;

import picocli.CommandLine;

/** The {@code baton} entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        JGitEnvironment.prepare();
        System.exit(BatonCommand.commandLine().execute(args));
    }
}

package dev.baton.cli;

import picocli.CommandLine.Command;

@Command(name = "demo", description = "Run several agents coordinating through baton in a scratch repository.")
final class DemoCommand extends BaseCommand {
    @Override
    protected int run() {
        throw new UnsupportedOperationException("demo: being written");
    }
}

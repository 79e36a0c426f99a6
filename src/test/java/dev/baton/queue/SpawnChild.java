package dev.baton.queue;

import dev.baton.cli.BatonCommand;
import dev.baton.cli.Main;
import dev.baton.testing.TempRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * A child JVM for {@link KeyedSpawnRaceTest}, started by {@link TempRepo#race}: {@code SpawnChild <baton args...>
 * <ready-file> <go-file>}. It warms up (reads the board once through the CLI, output discarded), says it is ready,
 * waits for the go file, then runs the real entry point {@link Main#main} with the baton arguments, so its exit code
 * and output are baton's own.
 */
public final class SpawnChild {

    private SpawnChild() {
    }

    public static void main(String[] args) {
        String[] baton = Arrays.copyOfRange(args, 0, args.length - 2);
        String repo = baton[1]; // the arguments start with -C <repo>

        CommandLine warm = BatonCommand.commandLine(); // every command's classes, the spawn's among them
        warm.setOut(new PrintWriter(new StringWriter()));
        warm.setErr(new PrintWriter(new StringWriter()));
        warm.execute("-C", repo, "--json", "list");

        TempRepo.barrier(Path.of(args[args.length - 2]), Path.of(args[args.length - 1]));
        Main.main(baton);
    }
}

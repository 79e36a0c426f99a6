package dev.baton.queue;

import dev.baton.cli.BatonCommand;
import dev.baton.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * A child JVM for {@link KeyedSpawnRaceTest}: {@code SpawnChild <ready-file> <go-file> <baton args...>}. It warms up
 * (reads the board once through the CLI, output discarded), says it is ready, waits for the go file, then runs the real
 * entry point {@link Main#main} with the rest of its arguments, so its exit code and output are baton's own.
 */
public final class SpawnChild {

    private SpawnChild() {
    }

    public static void main(String[] args) throws Exception {
        Path ready = Path.of(args[0]);
        Path go = Path.of(args[1]);
        String[] baton = Arrays.copyOfRange(args, 2, args.length);
        String repo = baton[1]; // the arguments start with -C <repo>

        CommandLine warm = BatonCommand.commandLine();
        warm.setOut(new PrintWriter(new StringWriter()));
        warm.setErr(new PrintWriter(new StringWriter()));
        warm.execute("-C", repo, "--json", "list");

        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(tmp, "ready\n");
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                System.err.println("no go signal after a minute");
                System.exit(70);
            }
            Thread.sleep(1);
        }
        Main.main(baton);
    }
}

package dev.baton.demo;

import dev.baton.BatonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo's scripts (resources next to this class): the stand-in agent the workers run, the reviewer, the merger and
 * what those two share, and the {@code bin/baton} wrapper they all call, written into the scratch repository's
 * {@code agents/} folder so that they can be read, and run again, after the demo.
 */
final class DemoScripts {

    static final String AGENT = "agent.sh";
    static final String REVIEWER = "reviewer.sh";
    static final String MERGER = "merger.sh";
    private static final List<String> ALL = List.of("lib.sh", AGENT, REVIEWER, MERGER);

    private DemoScripts() {
    }

    /** Writes the scripts into {@code folder} and {@code folder/bin/baton}, which runs baton on {@code jvm}. */
    static void write(Path folder, ChildJvm jvm) {
        try {
            Files.createDirectories(folder.resolve("bin"));
            for (String name : ALL) {
                Path target = folder.resolve(name);
                Files.writeString(target, resource(name), StandardCharsets.UTF_8);
                executable(target);
            }
            Path wrapper = folder.resolve("bin/baton");
            Files.writeString(wrapper, "#!/usr/bin/env bash\n"
                    + "# baton for the demo's agents: the JVM and class path `baton demo` ran on.\n"
                    + "exec " + jvm.command(List.of()).stream().map(DemoScripts::quote).collect(Collectors.joining(" "))
                    + " \"$@\"\n", StandardCharsets.UTF_8);
            executable(wrapper);
        } catch (IOException e) {
            throw BatonException.environment("cannot write the demo's scripts into " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource dev/baton/demo/" + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void executable(Path file) {
        file.toFile().setExecutable(true, false);
    }

    /** Quotes a word for bash: single quotes, with each single quote written as '\''. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

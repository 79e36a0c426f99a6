package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.app.Coordinator;
import dev.baton.core.Task;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "spawn", description = "Create a task: QUEUED, or ASSIGNED with --to. Prints its id.")
final class SpawnCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<title>", description = "One line saying what to do.")
    String title;

    @Option(names = "--spec", paramLabel = "TEXT", description = "The task's spec (Markdown).")
    String spec;

    @Option(names = "--spec-file", paramLabel = "FILE", description = "Read the spec from a file.")
    Path specFile;

    @Option(names = "--to", paramLabel = "AGENT", description = "Assign it to this agent right away.")
    String to;

    @Option(names = "--priority", paramLabel = "0-4", defaultValue = "2", description = "0 is most urgent (default 2).")
    int priority;

    @Option(names = "--label", paramLabel = "L", description = "A label (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--base", paramLabel = "BRANCH", description = "The branch to work from and merge into.")
    String base;

    @Option(names = "--lease", paramLabel = "DURATION", description = "Lease granted with --to (default baton.lease, else 15m).")
    String lease;

    @Override
    protected int run() {
        if (spec != null && specFile != null) {
            throw BatonException.usage("give --spec or --spec-file, not both");
        }
        String specText = specFile != null ? readSpec(specFile) : utf8(spec, "the spec");
        Task t = coordinator().spawn(new Coordinator.SpawnRequest(utf8(title, "the title"), specText, to, priority,
                labels, base, duration(lease, "--lease")));
        out().result(t.id(), TaskJson.of(t).put("created", true));
        return 0;
    }

    static String readSpec(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BatonException.usage("spec file " + file + " does not exist");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw BatonException.usage("spec file " + file + " is not valid UTF-8");
        } catch (IOException e) {
            throw BatonException.usage("cannot read spec file " + file + ": " + e.getMessage());
        }
    }
}

package dev.baton.cli;

import dev.baton.app.Spawned;
import dev.baton.app.SpawnRequest;
import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.core.TextLimits;
import dev.baton.core.BlockerPolicy;
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

@Command(name = "spawn", description = {
    "Create a task: QUEUED, or ASSIGNED with --to. Prints its id.",
    "With --batch FILE, create one task per NDJSON line, all in one commit, all or nothing."})
final class SpawnCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<title>", description = "One line saying what to do (at most 200 characters).")
    String title;

    @Option(names = "--spec", paramLabel = "TEXT", description = "The task's spec (Markdown, at most 1 MiB).")
    String spec;

    @Option(names = "--spec-file", paramLabel = "FILE",
            description = "Read the spec from a Markdown file (sections such as Requirements, Design, Acceptance).")
    Path specFile;

    @Option(names = "--to", paramLabel = "AGENT", description = "Assign it to this agent right away.")
    String to;

    @Option(names = "--priority", paramLabel = "0-4", defaultValue = "2", description = "0 is most urgent (default 2).")
    int priority;

    @Option(names = "--label", paramLabel = "L", description = "A label (repeatable, at most 32).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--base", paramLabel = "BRANCH",
            description = "The branch to work from and merge into; it must exist here.")
    String base;

    @Option(names = "--lease", paramLabel = "DURATION", description = "Lease granted with --to (default baton.lease, else 15m).")
    String lease;

    @Option(names = "--after", paramLabel = "ID", description = "Wait until this task is COMPLETED (repeatable).")
    List<String> after = new ArrayList<>();

    @Option(names = "--parent", paramLabel = "ID", description = "The epic this task belongs to.")
    String parent;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Idempotency key: spawning again with it returns the same task and changes nothing.")
    String key;

    @Option(names = "--on-blocker-fail", paramLabel = "POLICY",
            description = "When a blocker ends FAILED or CANCELLED: wait (default), cancel or ignore.")
    String onBlockerFail;

    @Option(names = "--reserve", paramLabel = "GLOB",
            description = "A path the task will hold exclusively while WORKING (repeatable; checked now and at start).")
    List<String> reserve = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "FILE", description = "NDJSON, one task a line; see the README.")
    Path batch;

    @Override
    protected int run() {
        if (batch != null) {
            if (title != null || spec != null || specFile != null) {
                throw BatonException.usage("--batch takes every task from the file; give no title or spec");
            }
            new BatchSpawn(session(), out()).run(batch);
            return 0;
        }
        if (title == null) {
            throw BatonException.usage("give the task's title (or --batch FILE)");
        }
        if (spec != null && specFile != null) {
            throw BatonException.usage("give --spec or --spec-file, not both");
        }
        String specText = specFile != null ? readSpec(specFile) : utf8(spec, "the spec");
        List<String> blockers = after.stream().map(session().board()::resolve).toList();
        String epic = parent == null ? null : session().board().resolve(parent);
        Spawned s = session().transitions().spawn(new SpawnRequest(utf8(title, "the title"), specText,
                to, priority, labels, base, duration(lease, "--lease"), blockers, epic, utf8(key, "--key"),
                policy(onBlockerFail), reserve));
        out().result(s.task().id(), TaskJson.of(s.task()).put("created", s.created()));
        return 0;
    }

    static BlockerPolicy policy(String text) {
        try {
            return text == null ? null : BlockerPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw BatonException.usage("--on-blocker-fail: " + e.getMessage());
        }
    }

    static String readSpec(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BatonException.usage("spec file " + file + " does not exist");
        }
        try {
            long size = Files.size(file);
            if (size > TextLimits.MAX_SPEC_BYTES) {
                throw BatonException.usage("spec file " + file + " is " + size + " bytes; the limit is 1 MiB ("
                        + TextLimits.MAX_SPEC_BYTES + " bytes)");
            }
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

package dev.baton.cli;

import dev.baton.BatonException;
import dev.baton.core.Task;
import dev.baton.store.Applied;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "edit", description = "Change an open task's title, spec, priority or labels. A new spec bumps its spec version.")
final class EditCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "<id>", description = "The task (any unique prefix).")
    String id;

    @Option(names = "--title", paramLabel = "TEXT")
    String title;

    @Option(names = "--spec", paramLabel = "TEXT")
    String spec;

    @Option(names = "--spec-file", paramLabel = "FILE")
    Path specFile;

    @Option(names = "--priority", paramLabel = "0-4")
    Integer priority;

    @Option(names = "--label", paramLabel = "L", description = "Replace the labels (repeatable).")
    List<String> labels;

    @Override
    protected int run() {
        if (spec != null && specFile != null) {
            throw BatonException.usage("give --spec or --spec-file, not both");
        }
        String text = specFile != null ? SpawnCommand.readSpec(specFile) : utf8(spec, "the spec");
        Applied a = session().transitions().edit(session().board().resolve(id), utf8(title, "the title"), text,
                priority, labels);
        Task t = a.task();
        out().result(a.changed() ? t.id() + " edited (spec version " + t.specVersion() + ")"
                : t.id() + ": nothing to change", TaskJson.of(t).put("changed", a.changed()));
        return 0;
    }
}

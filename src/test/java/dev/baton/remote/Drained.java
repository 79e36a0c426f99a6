package dev.baton.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Lines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the {@link RemoteDrainWorker}s of one test said they did, checked against the server's board. */
final class Drained {

    /** Task id → the agent that says it claimed it. */
    final Map<String, String> claimedBy = new HashMap<>();
    final List<String> duplicates = new ArrayList<>();
    /** Refusals other than "nothing ready", and errors with exit code 1: a worker was told no when it should not be. */
    final List<String> refusals = new ArrayList<>();
    /** Errors with any other exit code (the remote was down, a push's outcome was unknown, contention). */
    final List<String> errors = new ArrayList<>();
    /** Agents that were told "may have landed" (their claim's push went unanswered). */
    final List<String> unsure = new ArrayList<>();
    final List<String> ends = new ArrayList<>();

    static Drained read(List<Path> results, List<String> agents) {
        Drained d = new Drained();
        for (int i = 0; i < results.size(); i++) {
            String agent = agents.get(i);
            List<String> lines = Lines.read(results.get(i));
            d.ends.add(agent + ": " + (lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1)));
            for (String line : lines) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "CLAIMED" -> {
                        String before = d.claimedBy.put(f[1], agent);
                        if (before != null) {
                            d.duplicates.add(f[1] + " by " + before + " and " + agent);
                        }
                        assertThat(f[2]).as("epoch of %s's claim of %s", agent, f[1]).isEqualTo("1");
                    }
                    case "REFUSED" -> d.refusals.add(agent + ": " + line);
                    case "ERROR" -> {
                        if (f[1].equals("1") || f[1].equals("crash")) {
                            d.refusals.add(agent + ": " + line);
                        } else {
                            d.errors.add(agent + ": " + line);
                            if (line.contains("may have landed")) {
                                d.unsure.add(agent);
                            }
                        }
                    }
                    case "EMPTY", "TIMEOUT" -> { }
                    default -> throw new AssertionError("unexpected line from " + agent + ": " + line);
                }
            }
        }
        return d;
    }

    /**
     * Every task was claimed exactly once on the server, by the agent that says so; no worker was refused; every worker
     * saw the queue empty. A claim no worker reports is allowed only for an agent told its push "may have landed".
     */
    void assertExactlyOnce(GitServer server, Set<String> spawned) {
        assertThat(duplicates).as("tasks two workers say they claimed").isEmpty();
        assertThat(refusals).as("refusals (exit 1) other than 'nothing ready'").isEmpty();
        assertThat(ends).as("how each worker ended").allSatisfy(e -> assertThat(e).endsWith(": EMPTY"));
        Map<String, List<String>> onServer = ServerBoard.claims(server);
        assertThat(onServer.keySet()).as("tasks claimed on the server's board").isEqualTo(spawned);
        List<String> unreported = new ArrayList<>(unsure);
        onServer.forEach((id, who) -> {
            assertThat(who).as("claims of %s on the server's board", id).hasSize(1);
            String reported = claimedBy.get(id);
            if (reported == null) {
                assertThat(unreported).as("%s was claimed by %s, which never said so (nor was told 'may have landed')",
                        id, who.get(0)).contains(who.get(0));
                unreported.remove(who.get(0));
            } else {
                assertThat(who.get(0)).as("who claimed %s", id).isEqualTo(reported);
            }
        });
    }
}

package dev.baton.cli;

import dev.baton.app.SpawnRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code spawn --batch FILE}: one task per NDJSON line ({@code {"title": "...", "spec": "...", "priority": 1,
 * "labels": ["a"], "to": "agent", "base": "main", "after": ["T-..."], "parent": "T-...", "key": "...",
 * "onBlockerFail": "wait"}}), created in one commit, all or nothing. A bad line fails the batch with exit 2 and its
 * line number; nothing is created. On a terminal a progress bar shows the reading.
 */
final class BatchSpawn {

    /** The longest line: a spec at its limit, escaped, and the other fields. */
    static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

    private static final Set<String> FIELDS = Set.of("title", "spec", "priority", "labels", "to", "base", "after",
            "parent", "key", "onBlockerFail");

    private final Session session;
    private final Output out;

    BatchSpawn(Session session, Output out) {
        this.session = session;
        this.out = out;
    }

    void run(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BatonException.usage("batch file " + file + " does not exist");
        }
        List<SpawnRequest> requests = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Progress progress = Progress.onTerminal("reading " + file.getFileName(), sizeOf(file));
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int n = 0;
            long read = 0;
            while ((line = readLine(in, n + 1)) != null) {
                n++;
                read += line.length() + 1;
                progress.update(read);
                if (line.isBlank()) {
                    continue;
                }
                requests.add(parse(line, n));
                lines.add(n);
            }
        } catch (IOException e) {
            throw BatonException.usage("cannot read batch file " + file + ": " + e.getMessage());
        } finally {
            progress.done();
        }
        if (requests.isEmpty()) {
            throw BatonException.usage("batch file " + file + " has no tasks");
        }
        Progress.note("creating " + requests.size() + " tasks in one commit...");
        List<Task> created;
        try {
            created = session.transitions().spawnBatch(requests);
        } catch (BatonException e) {
            throw new BatonException(e.exitCode(), relabel(e.getMessage(), lines));
        }
        for (Task t : created) {
            out.object(TaskJson.of(t).put("created", true));
        }
        out.text("created " + created.size() + " tasks" + (created.size() < requests.size()
                ? " (" + (requests.size() - created.size()) + " existed already by key)" : ""));
    }

    /** One line, without its line break (LF or CRLF); null at the end; refused past {@link #MAX_LINE_CHARS}. */
    private static String readLine(BufferedReader in, int number) {
        try {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (line.length() == MAX_LINE_CHARS) {
                    throw BatonException.usage("line " + number + " is longer than " + MAX_LINE_CHARS
                            + " characters, the limit of a batch line; nothing was created");
                }
                line.append((char) c);
            }
            if (c == -1 && line.length() == 0) {
                return null;
            }
            int end = line.length();
            return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
        } catch (java.nio.charset.MalformedInputException e) {
            throw BatonException.usage("line " + number + ": not valid UTF-8");
        } catch (IOException e) {
            throw BatonException.usage("line " + number + ": " + e.getMessage());
        }
    }

    /** "item 3: ..." from the state machine becomes "line 7: ...". */
    private static String relabel(String message, List<Integer> lines) {
        var m = java.util.regex.Pattern.compile("^item (\\d+): ").matcher(message);
        if (m.find()) {
            int item = Integer.parseInt(m.group(1));
            return "line " + lines.get(item - 1) + ": " + message.substring(m.end()) + "; nothing was created";
        }
        return message;
    }

    private SpawnRequest parse(String line, int n) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw BatonException.usage("line " + n + ": not valid JSON; nothing was created");
        }
        if (!node.isObject()) {
            throw BatonException.usage("line " + n + ": expected a JSON object; nothing was created");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw BatonException.usage("line " + n + ": unknown field '" + f + "' (known: " + String.join(", ",
                        FIELDS.stream().sorted().toList()) + "); nothing was created");
            }
        }
        String title = text(node, "title", n);
        if (title == null || title.isBlank()) {
            throw BatonException.usage("line " + n + ": a task needs a non-empty \"title\"; nothing was created");
        }
        int priority = 2;
        if (node.has("priority")) {
            if (!node.get("priority").isIntegralNumber() || !node.get("priority").canConvertToInt()) {
                throw BatonException.usage("line " + n + ": \"priority\" must be a number 0-4; nothing was created");
            }
            priority = node.get("priority").asInt();
        }
        // these name the line themselves
        List<String> blockers = list(node, "after", n);
        String parent = text(node, "parent", n);
        String spec = text(node, "spec", n);
        String to = text(node, "to", n);
        List<String> labels = list(node, "labels", n);
        String base = text(node, "base", n);
        String key = text(node, "key", n);
        String policy = text(node, "onBlockerFail", n);
        try {
            session.board().requireBase(base);
            List<String> after = new ArrayList<>();
            for (String a : blockers) {
                after.add(TaskIds.isValid(a) ? a : session.board().resolve(a));
            }
            return new SpawnRequest(title, spec, to, priority, labels, base, null, after,
                    parent == null || TaskIds.isValid(parent) ? parent : session.board().resolve(parent),
                    key, SpawnCommand.policy(policy));
        } catch (BatonException e) {
            throw BatonException.usage("line " + n + ": " + e.getMessage() + "; nothing was created");
        }
    }

    private static String text(JsonNode node, String field, int n) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw BatonException.usage("line " + n + ": \"" + field + "\" must be a string; nothing was created");
        }
        return v.asText();
    }

    private static List<String> list(JsonNode node, String field, int n) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw BatonException.usage("line " + n + ": \"" + field + "\" must be a list of strings; nothing was created");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isTextual()) {
                throw BatonException.usage("line " + n + ": \"" + field + "\" must be a list of strings (found " + x
                        + "); nothing was created");
            }
            out.add(x.asText());
        }
        return out;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}

package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.Address;
import dev.baton.core.Lease;
import dev.baton.core.Message;
import dev.baton.core.Task;
import dev.baton.worktree.Workspace;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The keys baton writes are the ones docs/format.md lists. Record keys are Java component names, so renaming a field
 * would silently change the format; this test makes every added, removed or renamed key (and trailer) fail until the
 * doc's table of it says so.
 */
class FormatKeysTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final FormatDoc doc = FormatDoc.read();

    /** Each table of keys the doc has, with the keys the code writes for it. */
    private static Map<String, Set<String>> written() throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        JsonNode task = union(Task.class, t -> PLAIN.readTree(TaskCodec.encode((Task) t,
                BoardLayout.FORMAT_VERSION)));
        out.put("task", keys(task));
        out.put("handoff", keys(task.get("handoff")));
        out.put("history", keys(task.get("history").get(0)));
        out.put("reservation", keys(task.get("reservations").get(0)));
        out.put("lease", keys(union(Lease.class, l -> PLAIN.readTree(LeaseStore.encode((Lease) l)))));
        out.put("worktree", keys(union(Workspace.class, w -> PLAIN.readTree(((Workspace) w).encode()))));
        out.put("trailers", new LinkedHashSet<>(Trailers.KNOWN));
        out.put("message-trailers", messageTrailers());
        return out;
    }

    @Test
    void everyRecordWritesExactlyTheKeysTheDocLists() throws IOException {
        Map<String, Set<String>> written = written();
        assertThat(doc.tableKinds()).as("the keys tables of docs/format.md (<!-- keys: KIND -->)")
                .containsExactlyInAnyOrderElementsOf(concat(written.keySet(), "args"));
        List<String> problems = new ArrayList<>();
        written.forEach((kind, keys) -> compare(kind, keys, doc.keys(kind), problems));
        assertThat(problems).as("key drift").isEmpty();
    }

    /** The trailers are written in a fixed order, the order of their tables. */
    @Test
    void trailerTablesAreInTheOrderTheyAreWritten() throws IOException {
        Map<String, Set<String>> written = written();
        for (String kind : List.of("trailers", "message-trailers")) {
            assertThat(List.copyOf(doc.keys(kind))).as("the order of the %s table, docs/format.md:%d", kind,
                    doc.tableLine(kind)).containsExactlyElementsOf(written.get(kind));
        }
    }

    @Test
    void everyCommandWritesExactlyTheArgumentsTheDocLists() throws IOException {
        Map<String, Set<String>> documented = doc.commandKeys();
        assertThat(documented.keySet()).as("the commands of the args table, docs/format.md:%d", doc.tableLine("args"))
                .containsExactlyInAnyOrderElementsOf(CommandTypes.BY_NAME.keySet());
        List<String> problems = new ArrayList<>();
        for (var e : CommandTypes.BY_NAME.entrySet()) {
            JsonNode args = union(e.getValue(), c -> PLAIN.readTree(RecordJson.line(c)));
            compare("args", "`" + e.getKey() + "`", keys(args), documented.get(e.getKey()), problems);
        }
        assertThat(problems).as("key drift").isEmpty();
    }

    /** The doc's version is the code's, and the newest entry of its format history is that version. */
    @Test
    void theDocDescribesTheFormatTheCodeWrites() throws IOException {
        String text = java.nio.file.Files.readString(FormatDoc.PATH, StandardCharsets.UTF_8);
        int version = BoardLayout.FORMAT_VERSION;
        assertThat(text).as("docs/format.md names the format it describes")
                .contains("This document describes **format " + version + "**");
        Matcher history = Pattern.compile("## Format history\n\n- \\*\\*(\\d+)\\*\\*").matcher(text);
        assertThat(history.find()).as("docs/format.md has a Format history whose first entry is a version").isTrue();
        assertThat(Integer.parseInt(history.group(1))).as("the newest entry of the Format history in docs/format.md")
                .isEqualTo(version);
    }

    /** The drift check itself: a key the doc does not list, or one it lists that is not written, is reported. */
    @Test
    void aRenamedKeyIsReported() {
        List<String> problems = new ArrayList<>();
        compare("task", Set.of("id", "title", "colour"), new LinkedHashSet<>(List.of("id", "title", "color")),
                problems);
        assertThat(problems).singleElement().asString()
                .contains("writes `colour`, which the table does not list")
                .contains("lists `color`, which the code does not write")
                .contains("Format history").contains("BoardLayout.FORMAT_VERSION");
        problems.clear();
        compare("task", Set.of("id"), Set.of("id"), problems);
        assertThat(problems).isEmpty();
    }

    private void compare(String kind, Set<String> code, Set<String> documented, List<String> problems) {
        compare(kind, "", code, documented, problems);
    }

    private void compare(String kind, String row, Set<String> code, Set<String> documented, List<String> problems) {
        Set<String> added = new TreeSet<>(code);
        added.removeAll(documented);
        Set<String> gone = new TreeSet<>(documented);
        gone.removeAll(code);
        if (added.isEmpty() && gone.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("docs/format.md:" + doc.tableLine(kind) + ", the table marked <!-- keys: "
                + kind + " -->" + (row.isEmpty() ? "" : ", row " + row) + ": the code");
        if (!added.isEmpty()) {
            sb.append(" writes ").append(quoted(added)).append(", which the table does not list");
        }
        if (!gone.isEmpty()) {
            sb.append(added.isEmpty() ? "" : ";").append(" the table lists ").append(quoted(gone))
                    .append(", which the code does not write");
        }
        sb.append(". A key's name is part of the format: if the change is meant, update that table, add an entry to"
                + " \"Format history\" in docs/format.md saying what changed, and raise BoardLayout.FORMAT_VERSION"
                + " (readers refuse keys they do not know, so an older baton cannot read the new records); if not,"
                + " give the record component its old name back.");
        problems.add(sb.toString());
    }

    private static String quoted(Set<String> keys) {
        return String.join(", ", keys.stream().map(k -> "`" + k + "`").toList());
    }

    private static Set<String> concat(Set<String> a, String b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.add(b);
        return out;
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> out = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The trailer keys MessageCodec writes for a message with every part given, in order. */
    private static Set<String> messageTrailers() {
        Message m = new Message("0".repeat(40), Address.parse("@agent-a"), "agent-b", "hello",
                Instant.parse("2026-11-22T22:05:43.593Z"), "T-b154z1jh", "1".repeat(40), "run-42", true,
                "2".repeat(40), "done");
        String text = MessageCodec.encode(m);
        Set<String> out = new LinkedHashSet<>();
        for (String line : text.substring(text.lastIndexOf("\n\n") + 2).split("\n")) {
            out.add(line.substring(0, line.indexOf(": ")));
        }
        return out;
    }

    // ---- records with every component given --------------------------------------------------------------------

    @FunctionalInterface
    private interface Writer {
        JsonNode write(Object record) throws IOException;
    }

    /**
     * What the codec writes of records of {@code type} whose every component has a value: one record per constant of
     * the enums they hold (a constructor may drop a default such as {@code WAIT}), merged into one object.
     */
    private static JsonNode union(Class<?> type, Writer writer) throws IOException {
        JsonNode merged = null;
        for (int variant = 0; variant < 4; variant++) {
            JsonNode one = writer.write(full(type, variant));
            merged = merged == null ? one : merge(merged, one);
        }
        return merged;
    }

    private static JsonNode merge(JsonNode into, JsonNode other) {
        if (into.isObject() && other.isObject()) {
            var o = (com.fasterxml.jackson.databind.node.ObjectNode) into;
            for (Iterator<Map.Entry<String, JsonNode>> it = other.fields(); it.hasNext(); ) {
                var e = it.next();
                o.set(e.getKey(), o.has(e.getKey()) ? merge(o.get(e.getKey()), e.getValue()) : e.getValue());
            }
        } else if (into.isArray() && other.isArray() && into.size() > 0 && other.size() > 0) {
            merge(into.get(0), other.get(0));
        }
        return into;
    }

    private static Object full(Class<?> type, int variant) {
        RecordComponent[] rc = type.getRecordComponents();
        Object[] args = new Object[rc.length];
        Class<?>[] params = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            params[i] = rc[i].getType();
            args[i] = value(rc[i].getName(), rc[i].getGenericType(), variant);
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(params);
            c.setAccessible(true);
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new AssertionError("a " + type.getSimpleName() + " with every component given is refused ("
                    + e.getCause() + "); teach FormatKeysTest.value a value it takes", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(String name, Type type, int variant) {
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return name.toLowerCase().endsWith("id") || name.equals("parent") || name.equals("blocker")
                    ? "T-b154z1jh" : name.equals("mergedCommit") ? "0".repeat(40) : "x";
        }
        if (raw == int.class || raw == Integer.class) {
            return 1;
        }
        if (raw == long.class || raw == Long.class) {
            return 1L;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-11-22T21:53:17.179Z");
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[variant % constants.length];
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return List.of(value(name, element, variant));
        }
        if (raw == Map.class) {
            Type content = ((ParameterizedType) type).getActualTypeArguments()[1];
            return Map.of("x", value(name, content, variant));
        }
        if (raw == Set.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return Set.of(value(name, element, variant));
        }
        if (raw.isRecord()) {
            return full(raw, variant);
        }
        throw new AssertionError("no value for " + type + " of " + name + "; teach FormatKeysTest.value one");
    }
}

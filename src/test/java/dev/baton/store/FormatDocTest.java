package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.Event;
import dev.baton.core.TaskIds;
import dev.baton.worktree.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/format.md are what baton writes: each marked example is read with the codec baton reads it
 * with, written again with the codec baton writes it with, and must come out byte for byte as documented.
 */
class FormatDocTest {

    /** Every kind of record and commit message the format has; each must have an example. */
    static final Set<String> KINDS = Set.of("transition", "init", "checkpoint", "task", "roles", "lease", "worktree",
            "message", "tree");

    private final FormatDoc doc = FormatDoc.read();

    @Test
    void everyKindOfRecordHasAnExample() {
        Set<String> documented = doc.examples().stream().map(FormatDoc.Example::kind).collect(Collectors.toSet());
        assertThat(documented).as("example kinds marked in docs/format.md (<!-- example: KIND -->)")
                .containsExactlyInAnyOrderElementsOf(KINDS);
    }

    @Test
    void everyExampleIsWhatTheCodecWritesOfIt() throws IOException {
        for (FormatDoc.Example e : doc.examples()) {
            String written = rewrite(e);
            assertThat(written).as("%s, read and written again; the doc and the code disagree", e)
                    .isEqualTo(e.text());
        }
    }

    @Test
    void transitionExamplesCoverTheirVariants() {
        List<String> messages = doc.examples("transition").stream().map(FormatDoc.Example::text).toList();
        assertThat(messages).anyMatch(m -> m.contains("\nBaton-From: ")); // a task that changes state
        assertThat(messages).anyMatch(m -> m.split("\n\n").length == 3); // with a body
        assertThat(messages).anyMatch(m -> m.contains("\"unverifiedCommits\""));
    }

    @Test
    void commitHeadersNameTheActorAtTheRecordedTime() throws IOException {
        int headers = 0;
        for (FormatDoc.Example e : doc.examples()) {
            if (e.header() == null) {
                continue;
            }
            headers++;
            String who = trailer(e.text(), e.kind().equals("message") ? Trailers.FROM : Trailers.ACTOR);
            PersonIdent ident = Idents.of(who, Instant.parse(trailer(e.text(), Trailers.TIME)));
            String line = ident.getName() + " <" + ident.getEmailAddress() + "> " + ident.getWhen().getTime() / 1000
                    + " +0000";
            assertThat(e.header()).as("%s: its header", e)
                    .contains("\nauthor " + line + "\n").contains("\ncommitter " + line + "\n");
        }
        assertThat(headers).isGreaterThanOrEqualTo(2);
    }

    /** The test reads what it claims to: a doc whose example differs from the code fails it. */
    @Test
    void anExampleThatDiffersFromTheCodeFails() {
        String text = read();
        for (String[] edit : List.of(
                new String[] {"\"epoch\" : 3,", "\"epoch\" : 3,\n  \"colour\" : \"red\","}, // a key the code lacks
                new String[] {"\"specVersion\" : 1,\n  \"startedSpecVersion\"", "\"startedSpecVersion\""},
                // format 3 keeps the spec out of the record
                new String[] {"\"specVersion\" : 1,", "\"spec\" : \"Do it.\",\n  \"specVersion\" : 1,"},
                new String[] {"Baton-Epoch: 1\nBaton-From: WORKING", "Baton-From: WORKING\nBaton-Epoch: 1"},
                new String[] {"{\"agent\":\"agent-a\",\"epoch\":1", "{\"epoch\":1,\"agent\":\"agent-a\""},
                new String[] {"\"dana@example.com\" : [ \"ADMIN\" ]", "\"dana@example.com\" : [\"ADMIN\"]"})) {
            assertThat(text).contains(edit[0]);
            FormatDoc edited = FormatDoc.of(text.replaceFirst(java.util.regex.Pattern.quote(edit[0]),
                    java.util.regex.Matcher.quoteReplacement(edit[1])));
            assertThatThrownBy(() -> {
                for (FormatDoc.Example e : edited.examples()) {
                    assertThat(rewrite(e)).isEqualTo(e.text());
                }
            }).as("after replacing %s", edit[0]).isInstanceOfAny(AssertionError.class, IOException.class,
                    FormatException.class);
        }
    }

    private static String read() {
        try {
            return java.nio.file.Files.readString(FormatDoc.PATH, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The example read with baton's reader for its kind and written with its writer. */
    private static String rewrite(FormatDoc.Example e) throws IOException {
        byte[] bytes = e.text().getBytes(StandardCharsets.UTF_8);
        return switch (e.kind()) {
            case "task" -> utf8(TaskCodec.encode(TaskCodec.decode(bytes, BoardLayout.FORMAT_VERSION, null),
                    BoardLayout.FORMAT_VERSION));
            case "roles" -> utf8(TaskCodec.encodeRoles(TaskCodec.decodeRoles(bytes)));
            case "lease" -> utf8(LeaseStore.encode(LeaseStore.decode(bytes)));
            case "worktree" -> Workspace.decode(bytes).encode();
            case "transition" -> transition(e.text());
            case "init" -> init(e.text());
            case "checkpoint" -> CheckpointCodec.message(CheckpointCodec.decode(e.text()).orElseThrow(
                    () -> new AssertionError(e + " is not a checkpoint")));
            case "message" -> message(e.text());
            case "tree" -> tree(e.text());
            default -> throw new AssertionError(e + ": no codec for this kind; add it to FormatDocTest");
        };
    }

    private static String transition(String text) {
        Optional<Event> read = CheckpointCodec.event(text);
        assertThat(read).as("a transition, not a root: %s", text).isPresent();
        Event e = read.get();
        // the title is only in the subject, "<command> [<task id>] <title> (<actor>)"
        String subject = text.lines().findFirst().orElseThrow();
        String prefix = e.command().name() + " " + (e.taskId() == null ? "" : e.taskId() + " ");
        String suffix = " (" + e.actor() + ")";
        assertThat(subject).startsWith(prefix).endsWith(suffix);
        String title = subject.substring(prefix.length(), subject.length() - suffix.length());
        Event titled = new Event(e.command(), e.actor(), e.time(), e.taskId(), title, e.from(), e.to(), e.epoch());
        return EventCodec.message(titled, EventCodec.trace(text).orElse(null));
    }

    private static String init(String text) {
        assertThat(CheckpointCodec.event(text)).as("the init commit records no transition").isEmpty();
        Map<String, String> t = Trailers.parse(text);
        assertThat(t.get(Trailers.COMMAND)).isEqualTo(EventCodec.INIT_COMMAND);
        return EventCodec.initMessage(t.get(Trailers.ACTOR), Instant.parse(t.get(Trailers.TIME)));
    }

    private static String message(String text) {
        assertThat(MessageCodec.isMessage(text)).isTrue();
        return MessageCodec.encode(MessageCodec.decode("0".repeat(40), text));
    }

    /** The value of trailer {@code key} in the last paragraph of {@code text}. */
    private static String trailer(String text, String key) {
        return text.substring(text.lastIndexOf("\n\n") + 2).lines().filter(l -> l.startsWith(key + ": "))
                .map(l -> l.substring(key.length() + 2)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " trailer in " + text));
    }

    /**
     * A board tree as {@code git ls-tree -r} lists it: the format blob is the marker baton writes, every record is at
     * its task's path, every spec is beside the record of its task, every index entry shares its task's blob and ends
     * in the id's fan-out, and every key holds an id on the board. Written again as git lists it.
     */
    private static String tree(String text) {
        Map<String, String> blobs = new java.util.LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            String[] meta = line.substring(0, line.indexOf('\t')).split(" ");
            assertThat(meta[0] + " " + meta[1]).as(line).isEqualTo("100644 blob");
            blobs.put(line.substring(line.indexOf('\t') + 1), meta[2]);
        }
        assertThat(List.copyOf(blobs.keySet())).as("git lists a tree in path order").isSorted();
        ObjectInserter.Formatter hash = new ObjectInserter.Formatter();
        assertThat(blobs.get(BoardLayout.FORMAT_PATH)).as("the format blob")
                .isEqualTo(hash.idFor(Constants.OBJ_BLOB, BoardLayout.FORMAT_CONTENT.getBytes(StandardCharsets.UTF_8))
                        .name());
        Map<String, String> byTask = new HashMap<>();
        Set<String> idBlobs = new TreeSet<>();
        blobs.forEach((path, blob) -> {
            if (path.startsWith(BoardLayout.TASKS + "/") && !path.endsWith(BoardLayout.SPEC_SUFFIX)) {
                assertThat(path).as("a task record").endsWith(BoardLayout.RECORD_SUFFIX);
                String id = path.substring(path.lastIndexOf('/') + 1, path.length() - ".json".length());
                assertThat(TaskIds.isValid(id)).as(path).isTrue();
                assertThat(path).isEqualTo(BoardLayout.taskPath(id));
                byTask.put(id, blob);
                idBlobs.add(hash.idFor(Constants.OBJ_BLOB, (id + "\n").getBytes(StandardCharsets.UTF_8)).name());
            }
        });
        blobs.forEach((path, blob) -> {
            if (path.startsWith(BoardLayout.INDEX + "/")) {
                String id = path.substring(path.lastIndexOf('/') + 1);
                assertThat(blob).as("%s shares its task's blob", path).isEqualTo(byTask.get(id));
                assertThat(path).as(path).matches("index/[A-Z_]+/[0-4]/\\d{6}/\\d\\d/\\d\\d/\\d\\d/\\d\\d/"
                        + id.charAt(2) + "/" + id.charAt(3) + "/" + id);
            } else if (path.startsWith(BoardLayout.TASKS + "/") && path.endsWith(BoardLayout.SPEC_SUFFIX)) {
                String id = path.substring(path.lastIndexOf('/') + 1, path.length() - BoardLayout.SPEC_SUFFIX.length());
                assertThat(path).as("the spec of a task on the board").isEqualTo(BoardLayout.specPath(id));
                assertThat(byTask).as("%s is beside its task's record", path).containsKey(id);
            } else if (path.startsWith(BoardLayout.KEYS + "/")) {
                assertThat(path).matches("keys/([0-9a-f]{2})/\\1[0-9a-f]{38}");
                assertThat(idBlobs).as("%s holds the id of a task on the board", path).contains(blob);
            } else {
                assertThat(path).as("a path the layout has").matches("format|roles|tasks/.*");
            }
        });
        return blobs.entrySet().stream().map(b -> "100644 blob " + b.getValue() + "\t" + b.getKey() + "\n")
                .collect(Collectors.joining());
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

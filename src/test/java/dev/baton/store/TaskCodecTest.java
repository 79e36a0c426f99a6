package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.baton.cli.Json;
import dev.baton.core.BlockerPolicy;
import dev.baton.core.Handoff;
import dev.baton.core.Reservation;
import dev.baton.core.Role;
import dev.baton.core.Roles;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The streaming task codec against the databind configuration it replaced ({@link Json#MAPPER}, kept as the oracle):
 * the same bytes for every task, the same task from every record either reads, and the same refusals.
 */
class TaskCodecTest {

    private static final ObjectWriter ORACLE = Json.MAPPER.writerWithDefaultPrettyPrinter();

    private static byte[] oracle(Object value) throws IOException {
        return (ORACLE.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Task> tasks() {
        RecordSamples samples = new RecordSamples(20261122);
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            out.add(samples.task(i));
        }
        Instant at = Instant.parse("2026-11-22T22:08:19.138Z");
        out.add(Task.builder("T-min", "bare").build());
        out.add(new Task("T-null", "nulls", null, TaskState.QUEUED, null, 0, 0, null, null, 0, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, 0, null, null, null, null, null));
        out.add(Task.builder("T-full", "every field").spec("s").state(TaskState.WORKING).assignee("a").epoch(7)
                .priority(4).labels(List.of("a", "b")).base("main").attempt(3).createdBy("c").createdAt(at)
                .updatedAt(at).grantedAt(at).leaseUntil(at).reason("r").handoff(new Handoff("1", "2", "3", "4", "5"))
                .mergedCommit("m").after(List.of("T-x")).parent("T-p").key("k").specVersion(2).startedSpecVersion(1)
                .onBlockerFail(BlockerPolicy.CANCEL).blocked("b")
                .reservations(List.of(new Reservation("src/**", true, at), new Reservation("docs", false, null)))
                .notBefore(at).addDependent("T-d").addChild("T-c").endAttempt("lease expired", at).build());
        return out;
    }

    @Test
    void encodesEveryTaskByteForByteAsTheDatabindEncoder() throws IOException {
        List<Task> tasks = tasks();
        assertThat(tasks).hasSizeGreaterThan(500);
        for (TaskState s : TaskState.values()) {
            assertThat(tasks).anyMatch(t -> t.state() == s);
        }
        for (BlockerPolicy p : BlockerPolicy.values()) {
            assertThat(tasks).anyMatch(t -> t.blockerPolicy() == p);
        }
        assertThat(tasks).anyMatch(t -> t.history() != null && t.reservations() != null && t.handoff() != null);
        assertThat(tasks).anyMatch(t -> t.labels().isEmpty());
        for (Task t : tasks) {
            byte[] bytes = TaskCodec.encode(t);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as(t.id())
                    .isEqualTo(new String(oracle(t), StandardCharsets.UTF_8));
            assertThat(bytes).as(t.id()).isEqualTo(oracle(t));
        }
    }

    @Test
    void writesTheFormatDocsFormatDescribes() {
        Instant at = Instant.parse("2026-11-22T22:08:19Z");
        Task t = Task.builder("T-b154z1jh", "Add a \"greeting\"").createdAt(at)
                .reservations(List.of(new Reservation("docs/*.md", false, null))).build();
        assertThat(new String(TaskCodec.encode(t), StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "attempt" : 1,
                  "createdAt" : "2026-11-22T22:08:19Z",
                  "epoch" : 0,
                  "id" : "T-b154z1jh",
                  "labels" : [ ],
                  "priority" : 2,
                  "reservations" : [ {
                    "glob" : "docs/*.md",
                    "shared" : false
                  } ],
                  "specVersion" : 1,
                  "state" : "QUEUED",
                  "title" : "Add a \\"greeting\\""
                }
                """);
    }

    @Test
    void decodesWhatItEncodes() throws IOException {
        for (Task t : tasks()) {
            assertThat(TaskCodec.decode(TaskCodec.encode(t))).as(t.id()).isEqualTo(t);
        }
    }

    /** Format 3 keeps the spec out of the record and in a blob of its own; format 2 keeps it in the record. */
    @Test
    void format3RecordsLeaveTheSpecToItsBlob() throws IOException {
        int withSpec = 0;
        for (Task t : tasks()) {
            byte[] record = TaskCodec.encode(t, 3);
            assertThat(new String(record, StandardCharsets.UTF_8)).as(t.id()).doesNotContain("\"spec\" :");
            assertThat(record).as(t.id()).isEqualTo(TaskCodec.encode(t.edit().spec(null).build()));
            byte[] spec = t.spec() == null ? null : TaskCodec.encodeSpec(t.spec());
            assertThat(TaskCodec.decode(record, 3, spec)).as(t.id()).isEqualTo(t);
            assertThat(TaskCodec.encode(t, 2)).as(t.id()).isEqualTo(TaskCodec.encode(t));
            assertThat(TaskCodec.decode(TaskCodec.encode(t, 2), 2, null)).as(t.id()).isEqualTo(t);
            withSpec += t.spec() == null ? 0 : 1;
        }
        assertThat(withSpec).isPositive();
        assertThat(TaskCodec.encodeSpec("caf\u00e9\n")).isEqualTo("caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesASpecWhereItsFormatDoesNotKeepIt() {
        Task t = Task.builder("T-b154z1jh", "t").spec("the spec").build();
        byte[] spec = TaskCodec.encodeSpec("the spec");
        assertThatThrownBy(() -> TaskCodec.decode(TaskCodec.encode(t), 3, null)).isInstanceOf(IOException.class)
                .hasMessage("the record of T-b154z1jh holds a spec; a board of format 3 keeps it in"
                        + " tasks/b/1/5/T-b154z1jh.spec");
        assertThatThrownBy(() -> TaskCodec.decode(TaskCodec.encode(t, 3), 2, spec)).isInstanceOf(IOException.class)
                .hasMessageContaining("keeps the spec of T-b154z1jh in its record");
        assertThatThrownBy(() -> TaskCodec.decode(TaskCodec.encode(t, 3), 3, new byte[] {'o', 'k', (byte) 0xff}))
                .isInstanceOf(IOException.class).hasMessage("the spec of T-b154z1jh is not UTF-8 text");
    }

    @Test
    void keepsAloneSurrogateAsTheDatabindEncoderDid() throws IOException {
        Task t = Task.builder("T-s", "half \ud83d of a pair").spec("\udc00 low first").build();
        assertThat(TaskCodec.encode(t)).isEqualTo(oracle(t));
        assertThat(TaskCodec.decode(TaskCodec.encode(t))).isEqualTo(Json.MAPPER.readValue(oracle(t), Task.class));
    }

    /**
     * Records the databind reader accepts though baton does not write them so (keys in another order, keys left
     * out, explicit nulls, other spacing): the streaming reader makes the same task of each, and refuses the same ones.
     */
    @Test
    void readsEveryRecordTheDatabindReaderReadsAlike() throws IOException {
        Random random = new Random(7);
        int accepted = 0;
        int refused = 0;
        for (Task t : tasks()) {
            ObjectNode tree = Json.MAPPER.valueToTree(t);
            List<String> keys = new ArrayList<>();
            tree.fieldNames().forEachRemaining(keys::add);
            Collections.shuffle(keys, random);
            ObjectNode variant = JsonNodeFactory.instance.objectNode();
            for (String k : keys) {
                int dice = random.nextInt(12);
                if (dice == 0) {
                    continue; // left out
                }
                variant.set(k, dice == 1 ? JsonNodeFactory.instance.nullNode() : tree.get(k));
            }
            if (random.nextInt(6) == 0) {
                variant.putNull(List.of("spec", "handoff", "history", "notBefore", "startedSpecVersion").get(random.nextInt(5)));
            }
            byte[] bytes = (random.nextBoolean() ? Json.MAPPER.writeValueAsString(variant)
                    : ORACLE.writeValueAsString(variant)).getBytes(StandardCharsets.UTF_8);
            Task expected;
            try {
                expected = Json.MAPPER.readValue(bytes, Task.class);
            } catch (IOException e) {
                refused++;
                assertThatThrownBy(() -> TaskCodec.decode(bytes)).as(new String(bytes, StandardCharsets.UTF_8))
                        .isInstanceOf(IOException.class);
                continue;
            }
            accepted++;
            assertThat(TaskCodec.decode(bytes)).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        assertThat(accepted).isGreaterThan(300);
        assertThat(refused).isGreaterThan(10);
    }

    @Test
    void aMissingRequiredFieldIsRefusedAsTheDatabindReaderRefusesIt() throws IOException {
        for (String key : List.of("id", "title", "state")) {
            ObjectNode tree = Json.MAPPER.valueToTree(Task.builder("T-a", "t").build());
            tree.remove(key);
            byte[] bytes = Json.MAPPER.writeValueAsBytes(tree);
            assertThatThrownBy(() -> Json.MAPPER.readValue(bytes, Task.class)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> TaskCodec.decode(bytes)).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot make a Task record")
                    .hasMessageContaining("a required key is missing or null (" + key + ")");
        }
        // the rest default as the constructor has it: primitives 0, lists empty or null
        Task bare = TaskCodec.decode("{\"id\":\"T-a\",\"title\":\"t\",\"state\":\"QUEUED\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(bare).isEqualTo(Json.MAPPER.readValue("{\"id\":\"T-a\",\"title\":\"t\",\"state\":\"QUEUED\"}", Task.class));
        assertThat(bare.priority()).isZero();
        assertThat(bare.labels()).isEmpty();
    }

    @Test
    void refusesAnUnknownKeyNamingItAndTheRecord() {
        assertThatThrownBy(() -> decode("{\"id\":\"T-a\",\"title\":\"t\",\"state\":\"QUEUED\",\"colour\":\"red\"}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown key \"colour\" in a Task record").hasMessageContaining("line 1");
        assertThatThrownBy(() -> decode("{\"id\":\"T-a\",\"title\":\"t\",\"state\":\"QUEUED\",\"handoff\":{\"summary\":\"s\",\"why\":\"w\"}}"))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown key \"why\" in a Handoff record");
        assertThatThrownBy(() -> decode("{\"id\":\"T-a\",\"title\":\"t\",\"state\":\"QUEUED\",\"history\":[{\"attempt\":1,\"x\":1}]}"))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown key \"x\" in a AttemptRecord record");
    }

    @Test
    void refusesAWrongType() {
        String head = "{\"id\":\"T-a\",\"title\":\"t\",";
        assertThatThrownBy(() -> decode(head + "\"state\":\"QUEUED\",\"priority\":\"high\"}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected a whole number for \"priority\" in a Task record, found text");
        assertThatThrownBy(() -> decode(head + "\"state\":\"QUEUED\",\"priority\":1.5}"))
                .isInstanceOf(IOException.class).hasMessageContaining("found a number");
        assertThatThrownBy(() -> decode(head + "\"state\":\"DREAMING\"}"))
                .isInstanceOf(IOException.class).hasMessageContaining("\"DREAMING\" for \"state\" in a Task record is not one of");
        assertThatThrownBy(() -> decode(head + "\"state\":\"QUEUED\",\"labels\":\"docs\"}"))
                .isInstanceOf(IOException.class).hasMessageContaining("expected an array for \"labels\"");
        assertThatThrownBy(() -> decode(head + "\"state\":\"QUEUED\",\"labels\":[1]}"))
                .isInstanceOf(IOException.class).hasMessageContaining("expected text for an element of \"labels\"");
        assertThatThrownBy(() -> decode(head + "\"state\":\"QUEUED\",\"createdAt\":\"yesterday\"}"))
                .isInstanceOf(IOException.class).hasMessageContaining("is not an ISO-8601 time");
        assertThatThrownBy(() -> decode(head + "\"state\":\"QUEUED\",\"handoff\":\"done\"}"))
                .isInstanceOf(IOException.class).hasMessageContaining("expected an object for a Handoff record");
        assertThatThrownBy(() -> decode(head + "\"state\":\"QUEUED\",\"reservations\":[{\"glob\":\"a\",\"shared\":\"yes\"}]}"))
                .isInstanceOf(IOException.class).hasMessageContaining("expected true or false for \"shared\"");
        assertThatThrownBy(() -> decode(head + "\"state\":\"QUEUED\",\"epoch\":99999999999999999999}"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decode("[]")).isInstanceOf(IOException.class)
                .hasMessageContaining("expected an object for a Task record, found an array");
    }

    @Test
    void refusesMalformedJson() {
        for (String bad : List.of("", "   ", "{", "{\"id\":", "{\"id\" \"T-a\"}", "{'id':'T-a'}",
                "{\"id\":\"T-a\",}", "not json", "{\"id\":\"T-a\",\"title\":\"t\",\"state\":\"QUEUED\"} trailing",
                "{\"id\":\"T-a\",\"title\":\"t\",\"state\":\"QUEUED\"}{}",
                "{\"id\":\"T-a\",\"id\":\"T-b\",\"title\":\"t\",\"state\":\"QUEUED\"}")) {
            assertThatThrownBy(() -> decode(bad)).as(bad).isInstanceOf(IOException.class).hasMessageNotContaining("N/A");
        }
        assertThatThrownBy(() -> decode("{\"id\":\"T-a\",\"id\":\"T-b\",\"title\":\"t\",\"state\":\"QUEUED\"}"))
                .hasMessageContaining("key \"id\" appears twice in a Task record");
        assertThatThrownBy(() -> decode("")).hasMessageContaining("no content");
    }

    @Test
    void encodesAndDecodesRolesAsTheDatabindPathDid() throws IOException {
        RecordSamples samples = new RecordSamples(3);
        Random random = new Random(3);
        List<Roles> all = new ArrayList<>(List.of(new Roles(Map.of())));
        for (int i = 0; i < 100; i++) {
            Map<String, Set<Role>> agents = new TreeMap<>();
            for (int j = random.nextInt(5); j > 0; j--) {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (Role r : Role.values()) {
                    if (random.nextBoolean()) {
                        roles.add(r);
                    }
                }
                agents.put(samples.text(), roles);
            }
            all.add(new Roles(agents));
        }
        TypeReference<TreeMap<String, TreeSet<Role>>> type = new TypeReference<>() { };
        for (Roles r : all) {
            byte[] bytes = TaskCodec.encodeRoles(r);
            assertThat(bytes).isEqualTo(oracle(r.agents()));
            assertThat(TaskCodec.decodeRoles(bytes)).isEqualTo(r)
                    .isEqualTo(new Roles(new TreeMap<>(Json.MAPPER.readValue(bytes, type))));
        }
        assertThat(new String(TaskCodec.encodeRoles(new Roles(Map.of("b", Set.of(Role.ADMIN, Role.WORKER)))),
                StandardCharsets.UTF_8)).isEqualTo("{\n  \"b\" : [ \"WORKER\", \"ADMIN\" ]\n}\n");
        assertThat(TaskCodec.decodeRoles("{\"a\":[\"MERGER\",\"MERGER\"],\"b\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Roles(Map.of("a", Set.of(Role.MERGER))));
        for (String bad : List.of("[]", "{\"a\":\"ADMIN\"}", "{\"a\":[\"KING\"]}", "{\"a\":[null]}", "{\"a\":null}",
                "{\"a\":[\"ADMIN\"]} x", "")) {
            assertThatThrownBy(() -> TaskCodec.decodeRoles(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(IOException.class);
        }
    }

    private static Task decode(String json) throws IOException {
        return TaskCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}

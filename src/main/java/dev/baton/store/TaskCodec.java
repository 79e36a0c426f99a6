package dev.baton.store;

import com.fasterxml.jackson.core.JsonParser;
import dev.baton.core.Role;
import dev.baton.core.Roles;
import dev.baton.core.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A task record as the blob stored on the board: pretty-printed JSON with sorted keys and a final newline. Read and
 * written with jackson-core's streaming API ({@link RecordJson}), byte for byte as the CLI's Jackson mapper
 * ({@code dev.baton.cli.Json}) writes them.
 * In format 3 the spec is not in the record: it is a blob of its own ({@link #encodeSpec}), so that a transition that
 * does not change it reuses the same blob.
 */
public final class TaskCodec {

    private TaskCodec() {
    }

    /** The whole record, spec included: the record of a format-2 board. */
    public static byte[] encode(Task task) {
        return (RecordJson.pretty(task) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The record of {@code task} on a board of {@code format}: without its spec from format 3 on. */
    public static byte[] encode(Task task, int format) {
        return encode(BoardLayout.specsApart(format) && task.spec() != null ? task.edit().spec(null).build() : task);
    }

    /** The spec blob of a format-3 board: the spec's UTF-8 bytes, exactly as given. */
    public static byte[] encodeSpec(String spec) {
        return spec.getBytes(StandardCharsets.UTF_8);
    }

    /** The roles file: agent → sorted role names, pretty printed. */
    public static byte[] encodeRoles(Roles roles) {
        return (RecordJson.pretty(roles.agents()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static Roles decodeRoles(byte[] bytes) throws IOException {
        String what = "the roles file";
        try (JsonParser p = RecordJson.FACTORY.createParser(bytes)) {
            RecordJson.start(p, what);
            Map<String, Set<Role>> agents = new TreeMap<>();
            RecordJson.object(p, what, (agent, q) -> {
                Set<Role> roles = new TreeSet<>();
                String where = "the roles of \"" + agent + "\" in " + what;
                if (q.currentToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    throw RecordJson.error(q, "expected an array for " + where);
                }
                while (q.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                    Role r = (Role) RecordJson.value(q, Role.class, "a role in " + where);
                    if (r == null) {
                        throw RecordJson.error(q, "null is not a role, in " + where);
                    }
                    roles.add(r);
                }
                agents.put(agent, roles);
            });
            RecordJson.end(p, what);
            return new Roles(agents);
        }
    }

    /** A record read as it is, spec included when it holds one: the record of a format-2 board. */
    public static Task decode(byte[] bytes) throws IOException {
        return RecordJson.read(bytes, Task.class);
    }

    /**
     * The task a board of {@code format} holds in {@code record} and, from format 3 on, in its spec blob
     * ({@code spec}, null when there is none).
     *
     * @throws IOException when the record is malformed, when a format-3 record holds a spec, when a spec blob is
     *                     not UTF-8, or when a format-2 task comes with a spec blob
     */
    public static Task decode(byte[] record, int format, byte[] spec) throws IOException {
        return withSpec(decode(record), format, spec);
    }

    /** {@link #decode(byte[], int, byte[])} of a record already read: {@code task} with the spec its board keeps. */
    public static Task withSpec(Task task, int format, byte[] spec) throws IOException {
        if (!BoardLayout.specsApart(format)) {
            if (spec != null) {
                throw new IOException("a board of format " + format + " keeps the spec of " + task.id()
                        + " in its record, not in " + BoardLayout.specPath(task.id()));
            }
            return task;
        }
        if (task.spec() != null) {
            throw new IOException("the record of " + task.id() + " holds a spec; a board of format " + format
                    + " keeps it in " + BoardLayout.specPath(task.id()));
        }
        return spec == null ? task : task.edit().spec(decodeSpec(spec, task.id())).build();
    }

    private static String decodeSpec(byte[] spec, String id) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(spec)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException("the spec of " + id + " is not UTF-8 text", e);
        }
    }
}

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
 */
public final class TaskCodec {

    private TaskCodec() {
    }

    public static byte[] encode(Task task) {
        return (RecordJson.pretty(task) + "\n").getBytes(StandardCharsets.UTF_8);
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

    public static Task decode(byte[] bytes) throws IOException {
        return RecordJson.read(bytes, Task.class);
    }
}

package dev.baton.store;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.baton.core.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A task record as the blob stored on the board: pretty-printed JSON with sorted keys and a final newline. */
public final class TaskCodec {

    private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter();

    private TaskCodec() {
    }

    public static byte[] encode(Task task) {
        try {
            return (WRITER.writeValueAsString(task) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode task " + task.id(), e);
        }
    }

    /** The roles file: agent → sorted role names, pretty printed. */
    public static byte[] encodeRoles(dev.baton.core.Roles roles) {
        try {
            return (WRITER.writeValueAsString(roles.agents()) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the roles", e);
        }
    }

    public static dev.baton.core.Roles decodeRoles(byte[] bytes) throws IOException {
        java.util.TreeMap<String, java.util.TreeSet<dev.baton.core.Role>> map = Json.MAPPER.readValue(bytes,
                new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String,
                        java.util.TreeSet<dev.baton.core.Role>>>() { });
        return new dev.baton.core.Roles(new java.util.TreeMap<>(map));
    }

    public static Task decode(byte[] bytes) throws IOException {
        return Json.MAPPER.readValue(bytes, Task.class);
    }
}

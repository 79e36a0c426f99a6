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

    public static Task decode(byte[] bytes) throws IOException {
        return Json.MAPPER.readValue(bytes, Task.class);
    }
}

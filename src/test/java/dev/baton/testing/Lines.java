package dev.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Files of tab-separated lines that child processes append to as they go (one line per thing done) and tests read.
 */
public final class Lines {

    private Lines() {
    }

    /**
     * Appends one line of tab-separated fields (tabs and newlines inside a field become spaces) in one write, so that
     * a reader, or a SIGKILL, sees whole lines.
     */
    public static void append(Path file, Object... fields) {
        String line = String.join("\t", Arrays.stream(fields).map(Lines::field).toList());
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One field: its text on one line, without tabs. */
    public static String field(Object o) {
        return String.valueOf(o).replace('\t', ' ').replace('\n', ' ');
    }

    /** The file's lines, empty ones left out; none when it does not exist. */
    public static List<String> read(Path file) {
        return TempRepo.read(file).lines().filter(l -> !l.isEmpty()).toList();
    }
}

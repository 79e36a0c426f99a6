package dev.baton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks in bench/ are compiled by their scripts against the jar, not by the build: this compiles them against
 * the classes under test, so that a change to the code they call breaks the build instead of the next benchmark run.
 */
class BenchSourcesCompileTest {

    @TempDir
    Path out;

    @Test
    void theBenchmarksCompileAgainstTheCode() throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(Path.of("bench"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        assertThat(sources).isNotEmpty();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-nowarn", "-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path")));
        args.addAll(sources);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = javac.run(null, null, errors, args.toArray(String[]::new));
        assertThat(code).as("javac on bench/: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
    }
}

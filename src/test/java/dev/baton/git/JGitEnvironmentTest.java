package dev.baton.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where git's system config is, as JGit finds it by running git: asked once per git binary, then kept. A fake git
 * on a PATH of its own answers, and logs each time it is run.
 */
class JGitEnvironmentTest {

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private SystemReader reader;
    private Path git;
    private Path log;

    @BeforeEach
    void fakeGit() throws IOException {
        assumeFalse(SystemReader.getInstance().isWindows() || SystemReader.getInstance().isMacOS());
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        git = bin.resolve("git");
        log = tmp.resolve("git.log");
        writeGit("/etc/first-gitconfig");
        env.put("PATH", bin.toString());
        env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        reader = new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public String getenv(String variable) {
                return env.get(variable);
            }
        };
        SystemReader.setInstance(reader); // JGit looks for git on this PATH
    }

    @AfterEach
    void realSystem() {
        SystemReader.setInstance(null);
    }

    @Test
    void theLoggerProviderNamedIsTheOneShippedAndSilent() throws Exception {
        Class<?> provider = Class.forName(JGitEnvironment.NOP_PROVIDER);
        assertThat(org.slf4j.spi.SLF4JServiceProvider.class).isAssignableFrom(provider);
        org.slf4j.spi.SLF4JServiceProvider p =
                (org.slf4j.spi.SLF4JServiceProvider) provider.getDeclaredConstructor().newInstance();
        p.initialize();
        assertThat(p.getLoggerFactory().getLogger("jgit").isErrorEnabled()).as("nothing is logged").isFalse();
    }

    @Test
    void preparingNamesThatProviderUnlessOneIsGivenAndKeepsSlf4jNoticesBelowWarnings() {
        Map<String, String> saved = new HashMap<>();
        for (String key : new String[] {"slf4j.provider", "slf4j.internal.verbosity"}) {
            saved.put(key, System.getProperty(key));
            System.clearProperty(key);
        }
        try {
            JGitEnvironment.quietLoggerProvider();
            assertThat(System.getProperty("slf4j.provider")).isEqualTo(JGitEnvironment.NOP_PROVIDER);
            assertThat(System.getProperty("slf4j.internal.verbosity")).isEqualTo("WARN");

            System.setProperty("slf4j.provider", "some.other.Provider");
            System.clearProperty("slf4j.internal.verbosity");
            JGitEnvironment.quietLoggerProvider();
            assertThat(System.getProperty("slf4j.provider")).as("given on the command line").isEqualTo("some.other.Provider");
            assertThat(System.getProperty("slf4j.internal.verbosity")).isNull();
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    @Test
    void theSystemConfigIsFoundByRunningGitOnceThenKept() throws IOException {
        assertThat(systemConfig()).isEqualTo(new File("/etc/first-gitconfig"));
        assertThat(gitRuns()).as("--version, then config --system").isEqualTo(2);
        assertThat(tmp.resolve("cache/baton").resolve(JGitEnvironment.SYSTEM_CONFIG_CACHE)).isRegularFile();

        // the next processes: the same answer, git not run
        assertThat(systemConfig()).isEqualTo(new File("/etc/first-gitconfig"));
        assertThat(systemConfig()).isEqualTo(new File("/etc/first-gitconfig"));
        assertThat(gitRuns()).isEqualTo(2);
    }

    @Test
    void anotherGitOrGitConfigSystemAsksAgain() throws IOException {
        assertThat(systemConfig()).isEqualTo(new File("/etc/first-gitconfig"));

        // git replaced in place (another size and time)
        writeGit("/opt/git/etc/gitconfig");
        Files.setLastModifiedTime(git, FileTime.fromMillis(git.toFile().lastModified() + 5_000));
        assertThat(systemConfig()).isEqualTo(new File("/opt/git/etc/gitconfig"));
        assertThat(gitRuns()).isEqualTo(4);

        env.put("GIT_CONFIG_SYSTEM", "/elsewhere/gitconfig");
        systemConfig();
        assertThat(gitRuns()).isEqualTo(6);
        systemConfig();
        assertThat(gitRuns()).isEqualTo(6);
    }

    @Test
    void nothingIsKeptWhenGitNamesNoFileOrNoSystemConfigIsRead() throws IOException {
        writeGit("");
        assertThat(systemConfig()).isNull();
        assertThat(systemConfig()).isNull();
        assertThat(gitRuns()).as("asked each time, as JGit alone would").isEqualTo(4);

        writeGit("/etc/first-gitconfig");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        FS fs = FS.detect();
        JGitEnvironment.knownSystemConfig(reader, fs);
        assertThat(gitRuns()).isEqualTo(4);
        assertThat(tmp.resolve("cache/baton").resolve(JGitEnvironment.SYSTEM_CONFIG_CACHE)).doesNotExist();
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyMeansGitIsAsked() throws IOException {
        Files.writeString(tmp.resolve("cache"), "a file, not a folder");
        assertThat(systemConfig()).isEqualTo(new File("/etc/first-gitconfig"));
        assertThat(systemConfig()).isEqualTo(new File("/etc/first-gitconfig"));
        assertThat(gitRuns()).isEqualTo(4);
    }

    @Test
    void gitIsTheFirstExecutableOnThePath() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Path c = Files.createDirectories(tmp.resolve("c"));
        Files.createDirectories(a.resolve("git")); // a folder
        Files.writeString(b.resolve("git"), "not executable");
        Files.writeString(c.resolve("git"), "#!/bin/sh\n");
        assertThat(c.resolve("git").toFile().setExecutable(true)).isTrue();
        String path = String.join(File.pathSeparator, a.toString(), b.toString(), c.toString());
        assertThat(JGitEnvironment.onPath(path, "git")).isEqualTo(c.resolve("git").toFile());
        assertThat(JGitEnvironment.onPath(a.toString(), "git")).isNull();
        assertThat(JGitEnvironment.onPath(null, "git")).isNull();
    }

    /** What a new process would see: a fresh FS, prepared as {@link JGitEnvironment#prepare()} does. */
    private File systemConfig() {
        FS fs = FS.detect();
        JGitEnvironment.knownSystemConfig(reader, fs);
        return fs.getGitSystemConfig();
    }

    private int gitRuns() throws IOException {
        return Files.isRegularFile(log) ? Files.readAllLines(log).size() : 0;
    }

    /** A git that logs its arguments and names {@code file} as its system config (none when empty). */
    private void writeGit(String file) throws IOException {
        String script = "#!/bin/sh\n"
                + "echo \"$*\" >>'" + log + "'\n"
                + "case \"$1\" in\n"
                + "  --version) echo 'git version 2.40.1' ;;\n"
                + "  config) " + (file.isEmpty() ? "" : "printf 'file:" + file + "\\000user.name\\nFake\\000' ;;\n")
                + (file.isEmpty() ? ": ;;\n" : "")
                + "esac\n";
        Files.writeString(git, script, StandardCharsets.UTF_8);
        assertThat(git.toFile().setExecutable(true)).isTrue();
    }
}

package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clean-up of child processes: a child and the processes it started are killed and gone. */
class ChildProcessesTest {

    @TempDir
    Path tmp;

    @Test
    void endKillsAChildAndItsDescendantsAndNamesThem() {
        Processes children = new Processes(tmp.resolve("logs"));
        Processes.Child shell = children.start(new ProcessBuilder("bash", "-c", "sleep 600 & echo $!; wait"),
                "shell");
        Poll.await("the shell's background pid", Duration.ofMinutes(1), () -> shell.stdout().strip().matches("\\d+"));
        long sleeper = Long.parseLong(shell.stdout().strip());
        assertThat(ProcessHandle.of(sleeper)).as("the shell's child").isPresent();

        List<String> killed = ChildProcesses.end(children.handles());

        assertThat(shell.alive()).isFalse();
        assertThat(ProcessHandle.of(sleeper).map(ChildProcesses::gone).orElse(true)).as("the shell's child is gone")
                .isTrue();
        assertThat(killed).as("what was killed").anyMatch(k -> k.startsWith(shell.pid() + " "))
                .anyMatch(k -> k.startsWith(sleeper + " "));
        assertThat(ChildProcesses.end(children.handles())).as("nothing is left to kill").isEmpty();
    }
}

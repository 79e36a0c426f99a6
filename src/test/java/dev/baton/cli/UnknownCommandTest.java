package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The nearest command to a name baton does not know: a slip of one or two letters, never a wild guess. */
class UnknownCommandTest {

    private final CommandLine baton = BatonCommand.commandLine();

    @Test
    void aSlipNamesTheCommandMeant() {
        assertThat(UnknownCommand.nearest(baton, "clam")).isEqualTo("claim");
        assertThat(UnknownCommand.nearest(baton, "aprove")).isEqualTo("approve");
        assertThat(UnknownCommand.nearest(baton, "hearbteat")).isEqualTo("heartbeat");
        assertThat(UnknownCommand.nearest(baton, "LIST")).isEqualTo("list");
        assertThat(UnknownCommand.nearest(baton.getSubcommands().get("dep"), "ad")).isEqualTo("add");
    }

    @Test
    void aWordFarFromEveryCommandNamesNone() {
        assertThat(UnknownCommand.nearest(baton, "frobnicate")).isNull();
        assertThat(UnknownCommand.nearest(baton, "commit")).isNull();
        assertThat(UnknownCommand.message(baton, "frobnicate")).isEqualTo("unknown command 'frobnicate'");
    }

    @Test
    void distanceCountsEditsAndSwaps() {
        assertThat(UnknownCommand.distance("claim", "claim")).isZero();
        assertThat(UnknownCommand.distance("clam", "claim")).isEqualTo(1);
        assertThat(UnknownCommand.distance("sohw", "show")).isEqualTo(1);
        assertThat(UnknownCommand.distance("", "run")).isEqualTo(3);
    }
}

package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cli.Json;
import dev.baton.core.Claim;
import dev.baton.core.Command;
import dev.baton.core.Done;
import dev.baton.core.Event;
import dev.baton.core.Handoff;
import dev.baton.core.Lease;
import dev.baton.core.TaskState;
import dev.baton.worktree.Workspace;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The streaming record codec on the other records the board and its clone keep: the arguments of every command (the
 * Baton-Args trailer), leases and worktree records, each against {@link Json#MAPPER} as the oracle.
 */
class RecordJsonTest {

    private static final List<Class<? extends Record>> RECORDS = new ArrayList<>();

    static {
        for (String name : CommandTypes.BY_NAME.keySet()) {
            RECORDS.add(CommandTypes.BY_NAME.get(name).asSubclass(Record.class));
        }
        RECORDS.add(Lease.class);
        RECORDS.add(Workspace.class);
    }

    private static List<Record> samples() {
        RecordSamples samples = new RecordSamples(42);
        List<Record> out = new ArrayList<>();
        for (Class<? extends Record> type : RECORDS) {
            int made = 0;
            for (int i = 0; i < 400 && made < 40; i++) {
                Record r = samples.record(type);
                if (r != null) {
                    out.add(r);
                    made++;
                }
            }
            assertThat(made).as(type.getSimpleName()).isGreaterThan(10);
        }
        return out;
    }

    @Test
    void writesEveryRecordAsTheDatabindMapperDoes() {
        List<Record> all = samples();
        assertThat(all).hasSizeGreaterThan(500);
        for (Record r : all) {
            assertThat(RecordJson.line(r)).as(r.toString()).isEqualTo(Json.line(r));
        }
    }

    @Test
    void readsBackWhatItWritesAsTheDatabindMapperReadsIt() throws IOException {
        for (Record r : samples()) {
            String line = RecordJson.line(r);
            Record back = RecordJson.read(line, r.getClass());
            assertThat(back).as(line).isEqualTo(Json.MAPPER.readValue(line, r.getClass()));
            assertThat(RecordJson.line(back)).isEqualTo(line);
        }
    }

    @Test
    void aBoardCommitMessageRoundTripsThroughTheEventCodec() {
        Instant at = Instant.parse("2026-11-22T22:08:19.138Z");
        for (Command c : List.<Command>of(new Claim("T-a", 900), new Done("T-a", 3L, new Handoff("did \"it\"", null,
                null, "ship", null)), new Done("T-a", null, null))) {
            Event e = new Event(c, "agent-a", at, "T-a", null, TaskState.WORKING, TaskState.IN_REVIEW, 3);
            String message = EventCodec.message(e, "tr-1");
            assertThat(message).contains(Trailers.ARGS + ": " + Json.line(c) + "\n");
            Optional<Event> back = EventCodec.decode(message);
            assertThat(back).isPresent();
            assertThat(back.get().command()).isEqualTo(c);
        }
    }

    @Test
    void refusesBadArgumentsWithAClearMessage() {
        String head = "subject\n\nBaton-Format: " + BoardLayout.FORMAT_VERSION + "\nBaton-Task: T-a\nBaton-Command: claim\n"
                + "Baton-Actor: a\nBaton-Epoch: 1\nBaton-Time: 2026-11-22T22:08:19Z\nBaton-Args: ";
        assertThatThrownBy(() -> EventCodec.decode(head + "{\"taskId\":\"T-a\",\"leaseSeconds\":60,\"who\":1}\n"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("malformed Baton-Args trailer: unknown key \"who\" in a Claim record");
        assertThatThrownBy(() -> EventCodec.decode(head + "{\"taskId\":7}\n"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("expected text for \"taskId\" in a Claim record, found a number");
        assertThatThrownBy(() -> EventCodec.decode(head + "{\"taskId\":\n"))
                .isInstanceOf(FormatException.class).hasMessageContaining("malformed Baton-Args trailer");
    }

    @Test
    void leasesAndWorkspacesRefuseUnknownKeys() {
        assertThatThrownBy(() -> RecordJson.read("{\"taskId\":\"T-a\",\"agent\":\"a\",\"epoch\":1,\"bogus\":0}", Lease.class))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown key \"bogus\" in a Lease record");
        assertThatThrownBy(() -> RecordJson.read("{\"id\":\"T-a\",\"path\":3}".getBytes(), Workspace.class))
                .isInstanceOf(IOException.class).hasMessageContaining("expected text for \"path\" in a Workspace record");
    }
}

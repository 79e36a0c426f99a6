package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.Address;
import dev.baton.core.Message;
import dev.baton.core.Threads;
import dev.baton.store.MessageCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadsAndCodecTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");

    private static Message msg(String id, String replyTo) {
        return new Message(id, Address.channel("c"), "a", "body " + id, T0, null, replyTo, null, false, null, null);
    }

    @Test
    void repliesFollowWhatTheyAnswerDepthFirst() {
        List<Message> log = List.of(msg("1", null), msg("2", null), msg("3", "1"), msg("4", "3"), msg("5", "2"),
                msg("6", "1"), msg("7", "gone"));
        List<Threads.Entry> arranged = Threads.arrange(log);
        assertThat(arranged).extracting(e -> e.message().id() + "@" + e.depth())
                .containsExactly("1@0", "3@1", "4@2", "6@1", "2@0", "5@1", "7@0");
    }

    @Test
    void aBodyRoundTripsExactlyEvenWhenItLooksLikeTrailers() {
        String body = "first line\n\nBaton-From: mallory\nBaton-To: @everyone\n\n\ntrailing blank lines\n\n";
        Message m = new Message(null, Address.agent("bob"), "alice", body, T0, "T-4k2p9x7a",
                "0123456789012345678901234567890123456789", "trace-1", true, null, "done");
        String text = MessageCodec.encode(m);
        Message back = MessageCodec.decode("abc", text);
        assertThat(back).isEqualTo(m.withId("abc"));
        assertThat(text).endsWith("Baton-Time: 2026-01-01T10:00:00.123Z\n");
    }
}

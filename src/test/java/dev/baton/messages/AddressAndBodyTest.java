package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.Address;
import dev.baton.core.Message;
import dev.baton.store.ChannelStore;
import org.junit.jupiter.api.Test;

class AddressAndBodyTest {

    @Test
    void recipientsMapToOneChannelRefEach() {
        Address bob = Address.parse("@bob");
        assertThat(bob.kind()).isEqualTo(Address.Kind.AGENT);
        assertThat(ChannelStore.ref(bob)).isEqualTo("refs/baton/channels/inbox/bob");
        assertThat(ChannelStore.ref(Address.parse("#general"))).isEqualTo("refs/baton/channels/general");
        assertThat(ChannelStore.ref(Address.task("T-4k2p9x7a"))).isEqualTo("refs/baton/channels/task/T-4k2p9x7a");
        assertThat(ChannelStore.ref(Address.parse("@agent-a@example.com")))
                .isEqualTo("refs/baton/channels/inbox/agent-a@example.com");
        assertThat(Address.parse("4k2p").isTaskPrefix()).isTrue();
        assertThat(Address.parse("T-4k2p9x7a").isTaskPrefix()).isFalse();
        for (String typed : new String[] {"@bob", "#general", "T-4k2p9x7a"}) {
            Address a = Address.parse(typed);
            assertThat(a.toString()).isEqualTo(typed);
            assertThat(Address.fromPath(a.path())).isEqualTo(a);
        }
    }

    @Test
    void malformedRecipientsAreRefusedWithAReason() {
        assertThatThrownBy(() -> Address.parse("@")).hasMessageContaining("needs an agent name");
        assertThatThrownBy(() -> Address.parse("#")).hasMessageContaining("needs a channel name");
        assertThatThrownBy(() -> Address.parse("#a/b")).hasMessageContaining("not a channel name");
        assertThatThrownBy(() -> Address.parse("#inbox")).hasMessageContaining("not a channel name");
        assertThatThrownBy(() -> Address.parse("#with space")).hasMessageContaining("not a channel name");
        assertThatThrownBy(() -> Address.parse("@bad/name")).hasMessageContaining("not an agent");
        assertThatThrownBy(() -> Address.parse("bob")).hasMessageContaining("not a recipient");
        assertThatThrownBy(() -> Address.parse("")).hasMessageContaining("not a recipient");
    }

    @Test
    void channelNamesGitRefusesAsRefsAreRefused() {
        for (String name : new String[] {"a..b", "x.lock", ".hidden", "a~1", "a^", "a:b", "q?", "st*r", "br[ack", "a@{1}",
                                         "back\\slash", "end."}) {
            assertThatThrownBy(() -> ChannelStore.ref(Address.channel(name))).as(name)
                    .hasMessageContaining("is not a name git accepts");
        }
    }

    @Test
    void bodiesMustBeNonEmptyAndAtMost64KiB() {
        assertThat(Message.checkBody(null)).isPresent();
        assertThat(Message.checkBody("")).hasValueSatisfying(s -> assertThat(s).contains("empty"));
        assertThat(Message.checkBody(" \n\t")).hasValueSatisfying(s -> assertThat(s).contains("empty"));
        assertThat(Message.checkBody("x".repeat(64 * 1024))).isEmpty();
        assertThat(Message.checkBody("x".repeat(64 * 1024 + 1))).hasValueSatisfying(s -> assertThat(s).contains("64 KiB"));
        // the limit is in bytes: 3-byte characters reach it sooner
        assertThat(Message.checkBody("€".repeat(21846))).isPresent();
        assertThat(Message.checkBody("a\0b")).isPresent();
    }

    @Test
    void traceIdsAreShortPlainTokens() {
        assertThat(Message.isValidTrace("run-42")).isTrue();
        assertThat(Message.isValidTrace("ci:build/17@main")).isTrue();
        assertThat(Message.isValidTrace("")).isFalse();
        assertThat(Message.isValidTrace("has space")).isFalse();
        assertThat(Message.isValidTrace("x".repeat(129))).isFalse();
    }
}

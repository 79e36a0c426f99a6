package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.Run;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In remote mode messages travel through the remote: appends push, reads and watches fetch. */
class RemoteMessagesTest {

    @TempDir
    Path tmp;

    @Test
    void messagesReachAnotherCloneThroughTheRemote() throws Exception {
        Path bare = tmp.resolve("remote.git");
        Repo a = Repo.withBoard(tmp);
        a.git("init", "-q", "--bare", "-b", "main", bare.toString());
        a.git("remote", "add", "origin", bare.toString());
        a.git("push", "-q", "origin", "main");
        a.baton("init", "--remote", "origin", "--as", "lead").ok();
        Repo b = Repo.cloneOf(tmp, bare.toString(), "b");
        b.baton("init", "--remote", "origin", "--as", "lead").ok();

        String first = a.baton("send", "@bob", "over the wire", "--as", "alice").ok().value();
        assertThat(a.git("--git-dir", bare.toString(), "rev-parse", "refs/baton/channels/inbox/bob").strip())
                .isEqualTo(first);
        assertThat(b.baton("--json", "inbox", "--as", "bob").ok().ndjson()).extracting(n -> n.get("id").asText())
                .containsExactly(first);

        // both clones append to the same channel: each append starts from the remote's tip
        String second = b.baton("send", "@bob", "from the other clone", "--as", "carol").ok().value();
        String third = a.baton("send", "@bob", "and back", "--as", "alice", "--reply-to", second).ok().value();
        assertThat(b.baton("--json", "inbox", "--as", "bob").ok().ndjson()).extracting(n -> n.get("id").asText())
                .containsExactly(second, third);

        // a watch in one clone sees what the other sends
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread watch = new Thread(() -> exit.set(b.batonTo(out, err, "--json", "watch", "--channel", "#ops",
                "--count", "1", "--timeout", "60s")), "watch");
        watch.start();
        while (watch.getState() != Thread.State.TIMED_WAITING) {
            assertThat(watch.isAlive()).as("watch: %s", err).isTrue();
            Thread.sleep(5);
        }
        // the watch may still be fetching for its start: say it again until it hears
        for (int i = 0; i < 6 && watch.isAlive(); i++) {
            a.baton("send", "#ops", "deploy done", "--as", "alice").ok();
            watch.join(10_000);
        }
        assertThat(exit.get()).as("%s", err).isZero();
        List<JsonNode> seen = out.toString().lines().map(Run::parse).toList();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("body").asText()).isEqualTo("deploy done");
    }
}

package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessagingCliTest {

    @TempDir
    Path tmp;

    @Test
    void eachReaderHasItsOwnCursor() {
        Repo repo = Repo.withBoard(tmp);
        // an inbox exists as soon as someone writes to it; before that it is just empty
        assertThat(repo.baton("inbox", "--as", "bob").ok().value()).isEqualTo("no new messages");
        String m1 = repo.baton("send", "@bob", "hello bob", "--as", "alice").ok().value();
        String m2 = repo.baton("send", "@bob", "second", "--as", "carol").ok().value();
        assertThat(m1).matches("[0-9a-f]{40}");

        List<JsonNode> first = repo.baton("--json", "inbox", "--as", "bob").ok().ndjson();
        assertThat(first).extracting(n -> n.get("id").asText()).containsExactly(m1, m2);
        JsonNode n = first.get(0);
        assertThat(n.get("from").asText()).isEqualTo("alice");
        assertThat(n.get("to").asText()).isEqualTo("@bob");
        assertThat(n.get("body").asText()).isEqualTo("hello bob");
        assertThat(n.get("time").asText()).endsWith("Z");
        assertThat(n.has("task")).isTrue();
        assertThat(n.get("task").isNull()).isTrue();
        assertThat(n.get("reply_to").isNull()).isTrue();

        // read: nothing new for bob; a third message is the only new one
        assertThat(repo.baton("--json", "inbox", "--as", "bob").ok().value()).isEmpty();
        String m3 = repo.baton("send", "@bob", "third", "--as", "alice").ok().value();
        assertThat(repo.baton("--json", "inbox", "--as", "bob", "--peek").ok().ndjson())
                .extracting(x -> x.get("id").asText()).containsExactly(m3);
        assertThat(repo.baton("--json", "inbox", "--as", "bob").ok().ndjson())
                .extracting(x -> x.get("id").asText()).containsExactly(m3);
        assertThat(repo.baton("--json", "inbox", "--as", "bob", "--all").ok().ndjson())
                .extracting(x -> x.get("id").asText()).containsExactly(m1, m2, m3);

        // a channel: every reader starts from the beginning and moves on alone
        String c1 = repo.baton("send", "#general", "standup at ten", "--as", "alice").ok().value();
        assertThat(repo.baton("--json", "inbox", "#general", "--as", "bob").ok().ndjson()).hasSize(1);
        String c2 = repo.baton("send", "#general", "moved to eleven", "--as", "alice").ok().value();
        assertThat(repo.baton("--json", "inbox", "#general", "--as", "bob").ok().ndjson())
                .extracting(x -> x.get("id").asText()).containsExactly(c2);
        assertThat(repo.baton("--json", "inbox", "#general", "--as", "dave").ok().ndjson())
                .extracting(x -> x.get("id").asText()).containsExactly(c1, c2);
        assertThat(repo.git("rev-parse", "refs/baton/cursors/bob/general").strip()).isEqualTo(c2);
        assertThat(repo.git("rev-parse", "refs/baton/cursors/bob/inbox/bob").strip()).isEqualTo(m3);

        // text form: header line and indented body
        repo.baton("send", "@erin", "line one\nline two", "--as", "alice").ok();
        List<String> text = repo.baton("inbox", "--as", "erin").ok().lines();
        assertThat(text.get(0)).contains("alice → @erin");
        assertThat(text.subList(1, 3)).containsExactly("    line one", "    line two");

        // one commit per message, author = sender, empty tree; fsck --strict stays clean
        assertThat(repo.git("log", "--format=%an %T", "refs/baton/channels/inbox/bob").lines().toList())
                .containsExactly("alice 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
                        "carol 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
                        "alice 4b825dc642cb6eb9a060e54bf8d69288fbee4904");
        repo.git("fsck", "--strict", "--no-dangling");
    }

    @Test
    void inboxFollowWaitsForTheNextMessage() throws Exception {
        Repo repo = Repo.withBoard(tmp);
        String waiting = repo.baton("send", "@bob", "already here", "--as", "alice").ok().value();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        java.util.concurrent.atomic.AtomicInteger exit = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread follow = new Thread(() -> exit.set(repo.batonTo(out, err, "--json", "inbox", "--as", "bob", "--follow",
                "--count", "2", "--timeout", "60s")), "follow");
        follow.start();
        while (!out.toString().contains(waiting)) {
            assertThat(follow.isAlive()).as("follow: %s", err).isTrue();
            Thread.sleep(5);
        }
        String next = repo.baton("send", "@bob", "just now", "--as", "carol").ok().value();
        follow.join(60_000);
        assertThat(exit.get()).as("%s", err).isZero();
        assertThat(out.toString().lines().map(Run::parse).map(n -> n.get("id").asText()).toList())
                .containsExactly(waiting, next);
        assertThat(repo.git("rev-parse", "refs/baton/cursors/bob/inbox/bob").strip()).isEqualTo(next);
        // --timeout ends a follow with nothing to show
        assertThat(repo.baton("inbox", "--as", "bob", "--follow", "--timeout", "1s").ok().out()).isEmpty();
    }

    @Test
    void repliesAcksAndTaskThreads() {
        Repo repo = Repo.withBoard(tmp);
        String task = repo.spawn("Build the parser");
        String ask = repo.baton("send", task.substring(2, 7), "which grammar?", "--as", "alice", "--ack-required").ok()
                .value();
        String answer = repo.baton("send", task, "the ABNF one", "--reply-to", ask.substring(0, 8), "--as", "bob").ok()
                .value();
        String other = repo.baton("send", task, "unrelated note", "--as", "carol").ok().value();
        String deeper = repo.baton("send", task, "thanks", "--reply-to", answer, "--as", "alice").ok().value();

        List<JsonNode> thread = repo.baton("--json", "thread", task).ok().ndjson();
        assertThat(thread).extracting(n -> n.get("id").asText() + "@" + n.get("depth").asInt())
                .containsExactly(ask + "@0", answer + "@1", deeper + "@2", other + "@0");
        assertThat(thread).allSatisfy(n -> assertThat(n.get("task").asText()).isEqualTo(task));
        assertThat(thread.get(0).get("ack_required").asBoolean()).isTrue();
        assertThat(thread.get(1).get("reply_to").asText()).isEqualTo(ask);
        List<String> text = repo.baton("thread", task).ok().lines();
        assertThat(text.get(0)).startsWith(ask.substring(0, 10)).contains("[ack required]");
        assertThat(text.get(2)).startsWith("  " + answer.substring(0, 10));
        assertThat(text.get(4)).startsWith("    " + deeper.substring(0, 10));

        // a reply to a message elsewhere carries its task along
        String dm = repo.baton("send", "@alice", "see the thread", "--reply-to", ask, "--as", "bob").ok().value();
        JsonNode dmNode = repo.baton("--json", "inbox", "--as", "alice").ok().ndjson().get(0);
        assertThat(dmNode.get("id").asText()).isEqualTo(dm);
        assertThat(dmNode.get("task").asText()).isEqualTo(task);

        // ack: lands in the sender's inbox, answering the message
        String ack = repo.baton("ack", ask.substring(0, 12), "--as", "bob").ok().value();
        List<JsonNode> aliceNew = repo.baton("--json", "inbox", "--as", "alice").ok().ndjson();
        assertThat(aliceNew).hasSize(1);
        assertThat(aliceNew.get(0).get("id").asText()).isEqualTo(ack);
        assertThat(aliceNew.get(0).get("ack").asText()).isEqualTo(ask);
        assertThat(aliceNew.get(0).get("reply_to").asText()).isEqualTo(ask);
        assertThat(aliceNew.get(0).get("from").asText()).isEqualTo("bob");
    }

    @Test
    void badMessagesAndRecipientsAreUsageErrors() {
        Repo repo = Repo.withBoard(tmp);
        String[][] bad = {
            {"send", "@bob", "", "--as", "alice"},
            {"send", "@bob", "   ", "--as", "alice"},
            {"send", "@bob", "x".repeat(64 * 1024 + 1), "--as", "alice"},
            {"send", "@", "hi", "--as", "alice"},
            {"send", "#", "hi", "--as", "alice"},
            {"send", "#bad..name", "hi", "--as", "alice"},
            {"send", "#x.lock", "hi", "--as", "alice"},
            {"send", "#two words", "hi", "--as", "alice"},
            {"send", "#a/b", "hi", "--as", "alice"},
            {"send", "nobody", "hi", "--as", "alice"},
            {"send", "T-zzzzzzzz", "hi", "--as", "alice"},
            {"send", "@bob", "hi", "--reply-to", "zz", "--as", "alice"},
            {"send", "@bob", "hi", "--reply-to", "abcdef0", "--as", "alice"},
            {"ack", "nothex", "--as", "alice"},
            {"--trace", "has space", "send", "@bob", "hi", "--as", "alice"},
        };
        for (String[] args : bad) {
            Run r = repo.baton(args);
            assertThat(r.exit()).as("%s: %s", String.join(" ", args).substring(0, Math.min(60,
                    String.join(" ", args).length())), r).isEqualTo(2);
            assertThat(r.err()).startsWith("baton: ").hasLineCount(1);
            assertThat(r.out()).isEmpty();
        }
        assertThat(repo.baton("send", "@bob", "", "--as", "alice").err()).contains("empty");
        assertThat(repo.baton("send", "@bob", "x".repeat(70_000), "--as", "alice").err()).contains("64 KiB");
        assertThat(repo.baton("send", "@", "hi", "--as", "alice").err()).contains("agent name");
        assertThat(repo.baton("send", "#bad..name", "hi", "--as", "alice").err()).contains("git accepts");
        // nothing was written
        assertThat(repo.git("for-each-ref", "refs/baton/channels/")).isEmpty();
        // exactly 64 KiB is fine
        repo.baton("send", "@bob", "x".repeat(64 * 1024), "--as", "alice").ok();
    }

    @Test
    void traceIdsFollowTransitionsAndMessagesAcrossTasks() {
        Repo repo = Repo.withBoard(tmp);
        String a = repo.spawn("First");
        String b = repo.spawn("Second");
        repo.baton("--trace", "run-7", "claim", a, "--as", "agent-a").ok();
        repo.baton("claim", b, "--as", "agent-b").ok();
        repo.baton("send", "@lead", "claimed " + a, "--as", "agent-a", "--trace", "run-7").ok();
        repo.baton("send", "@lead", "not traced", "--as", "agent-b").ok();
        repo.baton("--trace", "run-7", "cancel", b, "--as", "lead").ok();

        List<JsonNode> trace = repo.baton("--json", "log", "--trace", "run-7").ok().ndjson();
        assertThat(trace).extracting(n -> n.get("type").asText()).containsExactly("transition", "message", "transition");
        assertThat(trace.get(0).get("task").asText()).isEqualTo(a);
        assertThat(trace.get(0).get("command").asText()).isEqualTo("claim");
        assertThat(trace.get(1).get("body").asText()).isEqualTo("claimed " + a);
        assertThat(trace.get(2).get("task").asText()).isEqualTo(b);
        assertThat(trace).allSatisfy(n -> assertThat(n.get("trace").asText()).isEqualTo("run-7"));
        assertThat(repo.git("log", "-1", "--format=%B", "refs/baton/board")).contains("Baton-Trace: run-7");
        // the trailer is metadata: replay still agrees with every commit
        repo.baton("fsck").ok();
        assertThat(repo.baton("log", "--trace", "other").ok().value()).isEqualTo("nothing recorded with trace other");
        // a reply inherits the trace of what it answers
        String traced = trace.get(1).get("id").asText();
        repo.baton("send", "@agent-a", "ok", "--reply-to", traced, "--as", "lead").ok();
        assertThat(repo.baton("--json", "log", "--trace", "run-7").ok().ndjson()).hasSize(4);
    }
}

package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.Task;
import dev.baton.store.RecordSamples;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapper-free trees of {@code --json} output against the mapper's own trees and lines. */
class JsonTreeTest {

    @Test
    void aTaskTreeIsWrittenAsTheMapperWritesItsTree() {
        RecordSamples samples = new RecordSamples(11);
        for (int i = 0; i < 300; i++) {
            Task t = samples.task(i);
            ObjectNode mine = JsonTree.of(t);
            ObjectNode theirs = Json.MAPPER.valueToTree(t);
            assertThat(JsonTree.line(mine)).isEqualTo(Json.line(theirs)).isEqualTo(Json.line(t));
            // what commands add to it afterwards
            mine.putNull("assignee");
            theirs.putNull("assignee");
            mine.put("worktree", "/tmp/x").put("resumed", true);
            theirs.put("worktree", "/tmp/x").put("resumed", true);
            assertThat(JsonTree.line(mine)).isEqualTo(Json.line(theirs));
        }
    }

    @Test
    void writesEveryKindOfNodeTheCommandsPutAsTheMapperDoes() {
        ObjectNode n = JsonTree.object().put("s", "t\u00e9xt \"q\" \n").put("i", 7).put("l", Long.MAX_VALUE)
                .put("b", false).put("big", new BigInteger("123456789012345678901234567890")).putNull("n");
        n.putArray("a").add("x").add(1).addNull().addObject().put("k", "v");
        n.putArray("empty");
        n.putObject("o").putObject("deeper").put("z", true);
        assertThat(JsonTree.line(n)).isEqualTo(Json.line(n));
    }

    @Test
    void leavesToTheMapperWhatItDoesNotWrite() {
        assertThat(JsonTree.line(JsonTree.object().put("ratio", 0.5))).isNull();
        ObjectNode nested = JsonTree.object();
        nested.putArray("a").add(1.25);
        assertThat(JsonTree.line(nested)).isNull();
        assertThat(JsonTree.line(JsonTree.object().putPOJO("p", List.of(1)))).isNull();
    }
}

package dev.baton.queue;

import static dev.baton.queue.QueueRepo.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.store.BoardLayout;
import dev.baton.testing.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `spawn --key`: the same key again returns the task and changes nothing; another title or spec is refused. */
class KeyedSpawnTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondSpawnWithTheSameKeyReturnsTheSameTaskAndWritesNothing() {
        QueueRepo repo = QueueRepo.create(tmp);
        JsonNode first = repo.baton("--json", "spawn", "Index the docs", "--spec", "all of docs/", "--key", "ci-42/index",
                "--as", LEAD).ok().json();
        String id = first.get("id").asText();
        assertThat(first.get("created").asBoolean()).isTrue();
        assertThat(first.get("key").asText()).isEqualTo("ci-42/index");
        // the key index points at the task
        assertThat(repo.git("show", "refs/baton/board:" + BoardLayout.keyPath("ci-42/index")).strip()).isEqualTo(id);

        String tip = repo.tip();
        JsonNode again = repo.baton("--json", "spawn", "Index the docs", "--spec", "all of docs/", "--key",
                "ci-42/index", "--as", "another-agent").ok().json();
        assertThat(again.get("id").asText()).isEqualTo(id);
        assertThat(again.get("created").asBoolean()).isFalse();
        assertThat(again.get("createdBy").asText()).isEqualTo(LEAD);
        assertThat(repo.tip()).isEqualTo(tip);

        // text mode prints the id, exit 0, and still writes nothing; other options do not matter
        assertThat(repo.baton("spawn", "Index the docs", "--spec", "all of docs/", "--key", "ci-42/index",
                "--priority", "0", "--as", LEAD).ok().value()).isEqualTo(id);
        assertThat(repo.tip()).isEqualTo(tip);

        // once the task is done the key still answers with it
        repo.complete(id);
        String doneTip = repo.tip();
        JsonNode late = repo.baton("--json", "spawn", "Index the docs", "--spec", "all of docs/", "--key", "ci-42/index",
                "--as", LEAD).ok().json();
        assertThat(late.get("id").asText()).isEqualTo(id);
        assertThat(late.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(late.get("created").asBoolean()).isFalse();
        assertThat(repo.tip()).isEqualTo(doneTip);
        repo.assertFsckClean();
    }

    @Test
    void aDifferentTitleOrSpecUnderTheSameKeyIsRefused() {
        QueueRepo repo = QueueRepo.create(tmp);
        String id = repo.spawn("Index the docs", "--key", "k1", "--spec", "v1");
        String tip = repo.tip();

        assertThat(repo.baton("spawn", "Index the code", "--key", "k1", "--spec", "v1", "--as", LEAD).fails(1).error())
                .isEqualTo("key 'k1' already belongs to " + id
                        + " (\"Index the docs\") with a different title or spec; use another key");
        assertThat(repo.baton("spawn", "Index the docs", "--key", "k1", "--spec", "v2", "--as", LEAD).fails(1).error())
                .startsWith("key 'k1' already belongs to " + id);
        assertThat(repo.baton("spawn", "Index the docs", "--key", "k1", "--as", LEAD).fails(1).error())
                .startsWith("key 'k1' already belongs to " + id);
        JsonNode err = Run.parse(repo.baton("--json", "spawn", "Other", "--key", "k1", "--as", LEAD).fails(1).err());
        assertThat(err.get("exit").asInt()).isEqualTo(1);
        assertThat(repo.tip()).isEqualTo(tip);

        // a bad key is bad input
        assertThat(repo.baton("spawn", "x", "--key", "caf\u00e9", "--as", LEAD).fails(2).error())
                .isEqualTo("a key is 1 to 200 printable ASCII characters");
        assertThat(repo.tip()).isEqualTo(tip);

        // another key is another task
        assertThat(repo.spawn("Index the docs", "--key", "k2", "--spec", "v1")).isNotEqualTo(id);
        repo.assertFsckClean();
    }
}

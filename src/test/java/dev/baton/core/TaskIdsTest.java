package dev.baton.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdsTest {

    @Test
    void alphabetHasThirtyTwoDistinctCharactersWithoutLookAlikes() {
        String a = TaskIds.ALPHABET;
        assertThat(a).hasSize(32);
        assertThat(a.chars().distinct().count()).isEqualTo(32);
        assertThat(a).doesNotContain("i", "l", "o", "u").isLowerCase();
    }

    @Test
    void randomIdsAreValid() {
        SplittableRandom random = new SplittableRandom(42);
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String id = TaskIds.random(random);
            assertThat(id).startsWith("T-").hasSize(10);
            assertThat(TaskIds.isValid(id)).as(id).isTrue();
            id.substring(2).chars().forEach(c -> seen.add((char) c));
        }
        assertThat(seen).hasSize(32);
    }

    @Test
    void randomIsDeterministicForTheSameSeed() {
        List<String> a = IntStream.range(0, 20).mapToObj(i -> "").toList();
        SplittableRandom r1 = new SplittableRandom(7);
        SplittableRandom r2 = new SplittableRandom(7);
        List<String> first = a.stream().map(x -> TaskIds.random(r1)).toList();
        List<String> second = a.stream().map(x -> TaskIds.random(r2)).toList();
        assertThat(first).isEqualTo(second);
        assertThat(new HashSet<>(first)).hasSize(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"T-00000000", "T-zzzzzzzz", "T-4k2p7q9m", "T-abcdefgh"})
    void validIds(String id) {
        assertThat(TaskIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"T-", "T-4k2p7q9", "T-4k2p7q9mm", "t-4k2p7q9m", "X-4k2p7q9m", "TT4k2p7q9m", "-T4k2p7q9m",
            "T-4K2P7Q9M", "T-4k2p7q9i", "T-4k2p7q9l", "T-4k2p7q9o", "T-4k2p7q9u", "T-4k2p-q9m", "T-4k2p 7q9",
            "4k2p7q9mab", " T-4k2p7q9m"})
    void invalidIds(String id) {
        assertThat(TaskIds.isValid(id)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "4K2P, T-4k2p",
            "t-ab, T-ab",
            "T-4K2P, T-4k2p",
            "4k2p, T-4k2p",
            "T-4k2p7q9m, T-4k2p7q9m",
            "'  t-4K2p  ', T-4k2p"})
    void normalizePrefix(String typed, String expected) {
        assertThat(TaskIds.normalizePrefix(typed)).isEqualTo(expected);
    }
}

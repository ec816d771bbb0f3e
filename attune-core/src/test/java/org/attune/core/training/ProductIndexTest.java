package org.attune.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProductIndexTest {

    @Test
    void everyListedIdHasItsPlaceAndAnUnlistedOneNone() {
        SplittableRandom random = new SplittableRandom(3);
        String[] ids = new String[50_000];
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            do {
                ids[i] = "sku-" + Long.toString(random.nextLong(1_000_000_000L), 36);
            } while (expected.putIfAbsent(ids[i], i) != null);
        }
        ProductIndex index = new ProductIndex(ids);

        assertThat(index.size()).isEqualTo(50_000);
        for (int i = 0; i < ids.length; i++) {
            // a new string, as a request's JSON gives, not the listed instance
            assertThat(index.indexOf(String.valueOf(ids[i].toCharArray()))).isEqualTo(i);
        }
        for (int i = 0; i < 50_000; i++) {
            String other = "other-" + i;
            assertThat(index.indexOf(other)).isEqualTo(expected.getOrDefault(other, -1));
        }
    }

    @Test
    void idsWithTheSameHashAreToldApart() {
        // "Aa" and "BB" have the same String hash, and so do all their concatenations
        assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode()).isEqualTo("AaBB".hashCode());
        ProductIndex index = new ProductIndex(new String[] {"AaAa", "BBBB", "AaBB"});

        assertThat(index.indexOf("AaAa")).isZero();
        assertThat(index.indexOf("BBBB")).isEqualTo(1);
        assertThat(index.indexOf("AaBB")).isEqualTo(2);
        assertThat(index.indexOf("BBAa")).as("the same hash, not listed").isEqualTo(-1);
    }

    @Test
    void anEmptyIndexKnowsNothingAndAnIdListedTwiceIsRefused() {
        assertThat(new ProductIndex(new String[0]).indexOf("p1")).isEqualTo(-1);
        assertThat(new ProductIndex(new String[] {"p1"}).indexOf("p1")).isZero();
        assertThatThrownBy(() -> new ProductIndex(new String[] {"p1", "p2", "p1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'p1'");
    }
}

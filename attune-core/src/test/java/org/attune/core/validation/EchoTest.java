package org.attune.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {
    @Test
    void shortValuesAreEchoedWhole() {
        assertThat(Echo.of("p-1")).isEqualTo("p-1");
        assertThat(Echo.of(null)).isNull();
        assertThat(Echo.of("x".repeat(200))).hasSize(200);
    }

    @Test
    void longValuesKeepTheirStartAndSayTheirLengthOnceEvenWhenShortenedAgain() {
        String once = Echo.of("x".repeat(1_000_000));

        assertThat(once).isEqualTo("x".repeat(200) + "…(1000000 characters)");
        assertThat(Echo.of(once)).isEqualTo(once);
        assertThat(new Problem(once, "c", once).path()).isEqualTo(once);
    }

    @Test
    void aSurrogatePairIsNotCutInHalf() {
        String value = "x".repeat(199) + "😀".repeat(10);

        assertThat(Echo.of(value)).isEqualTo("x".repeat(199) + "…(219 characters)");
    }

    @Test
    void longMessagesAreShortenedAsALastGuard() {
        assertThat(new Problem("p", "c", "m".repeat(5_000)).message())
                .isEqualTo("m".repeat(800) + "…(5000 characters)");
    }
}

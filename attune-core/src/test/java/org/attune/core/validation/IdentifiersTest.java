package org.attune.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void idsThatPoseAsDirectoriesOrShowAsSomethingElseAreRefused() {
        for (String refused : new String[] {".", "..", "....", "shoe\u202Egpj.exe", "a\u2066b", "a\u200Eb",
                "a\u200Bb", "\uFEFFid", "a\u200Db", "line\nbreak", "a\u0085b", "a\u2028b", "lone\uD800",
                "tag\uDB40\uDC01"}) {
            assertThat(Identifiers.problem(refused)).as("%s", refused.codePoints()
                    .mapToObj(c -> String.format("U+%04X", c)).toList()).isNotNull();
        }
    }

    @Test
    void ordinaryIdsAndTextInAnyScriptAreFine() {
        for (String fine : new String[] {"p-1", "s.1", ".hidden", "a..b", "Über-Schuh", "שלום", "靴",
                "smile \uD83D\uDE00", "sku 42/7"}) {
            assertThat(Identifiers.problem(fine)).as(fine).isNull();
        }
        assertThat(Identifiers.problem("")).as("required or not is the caller's rule").isNull();
        assertThat(Identifiers.problem(null)).isNull();
    }
}

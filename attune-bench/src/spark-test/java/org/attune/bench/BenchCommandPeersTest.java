package org.attune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchCommandPeersTest {
    @Test
    void aBuildWithSparkHasThePeersCommand() {
        assertThat(BenchCommand.commandLine().getSubcommands()).containsKeys("peers", "jmh", "ingest");
    }
}

package org.attune.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DjlEnvironmentTest {

    @Test
    void pyTorchLeavesOneCoreToTheRestOfTheProcess() {
        assertThat(DjlEnvironment.operationThreads(1)).isEqualTo(1);
        assertThat(DjlEnvironment.operationThreads(2)).isEqualTo(1);
        assertThat(DjlEnvironment.operationThreads(16)).isEqualTo(15);
    }
}

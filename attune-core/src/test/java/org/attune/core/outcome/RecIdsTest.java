package org.attune.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecIdsTest {
    @TempDir
    Path dir;

    @Test
    void aRecIdCarriesItsTimeAndDimensionsAndOnlyItsInstallationReadsIt() throws Exception {
        RecIds recIds = RecIds.load(dir.resolve("rec-id.key"));
        long dimensions = new AnswerDimensions("decision", "shop", "web", "home", "popular", "personalized", "")
                .key();
        String recId = recIds.issue(1_764_000_000_123L, dimensions);
        assertThat(recId).hasSize(RecIds.LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(recIds.read(recId)).isEqualTo(new RecIds.Issued(1_764_000_000_123L, dimensions));
        assertThat(recIds.issue(1_764_000_000_123L, dimensions)).as("each answer its own").isNotEqualTo(recId);

        assertThat(RecIds.load(dir.resolve("rec-id.key")).read(recId)).as("the same key after a restart")
                .isNotNull();
        assertThat(RecIds.load(dir.resolve("other.key")).read(recId)).as("another installation's").isNull();
        char[] chars = recId.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThat(recIds.read(new String(chars))).as("changed in transit or forged").isNull();
        assertThat(recIds.read("not a rec id")).isNull();
        char last = recId.charAt(RecIds.LENGTH - 1);
        char sameBits = (char) ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last) % 16 == 0
                ? last + 1 : last - 1);
        assertThat(recIds.read(recId.substring(0, RecIds.LENGTH - 1) + sameBits))
                .as("another spelling of the same bytes is not the recId issued").isNull();
        assertThat(recIds.read(null)).isNull();
        assertThat(recIds.read("é".repeat(RecIds.LENGTH))).isNull();
        assertThat(Files.getPosixFilePermissions(dir.resolve("rec-id.key"))).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }
}

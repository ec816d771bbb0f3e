package org.attune.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.attune.core.model.Interactions;
import org.attune.core.model.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicDatasetsTest {

    private static void gzip(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Two files in session-rec's prepared format; one click of session 6 is out of time order. */
    private static void yoochoose(Path root) throws IOException {
        gzip(root.resolve("yoochoose-100k/train_full.tsv.gz"), """
                SessionId\tItemId\tTime
                3\t214716935\t1396437466.94
                3\t214832672\t1396438212.318
                6\t214701242\t1396796300.848
                6\t214716935\t1396796200.5
                6\t214716935\t1396796546.976
                """);
        gzip(root.resolve("yoochoose-100k/test.tsv.gz"), """
                SessionId\tItemId\tTime
                1\t214716935\t1396860669.277
                1\t999\t1396860700
                1\t214832672\t1396860886.998
                2\t214701242\t1396871797.614
                2\t555\t1396871839.373
                """);
    }

    @Test
    void yoochooseClicksBecomeOrderedSessionsOnTheTrainingProducts(@TempDir Path root) throws IOException {
        yoochoose(root);
        SessionSplit split = PublicDatasets.loadSessions("yoochoose-100k", root);
        Sessions train = split.train();
        assertThat(train.sessionCount()).isEqualTo(2);
        assertThat(train.itemCount()).isEqualTo(3);
        int six = train.start(1);
        assertThat(train.sessionId(1)).isEqualTo("6");
        assertThat(train.itemId(train.item(six))).isEqualTo("214716935");
        assertThat(train.timeMillis(six)).isEqualTo(1_396_796_200_500L);
        assertThat(train.itemId(train.item(six + 1))).isEqualTo("214701242");
        assertThat(train.item(six + 2)).isEqualTo(train.item(six));

        Sessions test = split.test();
        assertThat(test.sessionCount()).as("session 2 keeps one known click and is dropped").isEqualTo(1);
        assertThat(test.sessionId(0)).isEqualTo("1");
        assertThat(test.length(0)).as("the click on the unknown 999 is dropped").isEqualTo(2);
        assertThat(test.itemId(test.item(1))).isEqualTo("214832672");
        assertThat(test.item(1)).as("numbered as in training").isEqualTo(train.item(1));
        assertThat(split.predictions()).isEqualTo(1);
    }

    @Test
    void asInteractionsEverySessionOfBothFilesIsAPerson(@TempDir Path root) throws IOException {
        yoochoose(root);
        Interactions all = PublicDatasets.load("yoochoose-100k", root);
        assertThat(all.personCount()).isEqualTo(4);
        assertThat(all.itemCount()).isEqualTo(5);
        assertThat(all.personId(1)).isEqualTo("6");
        assertThat(all.itemsOf(1)).as("214716935 clicked twice in session 6, first").hasSize(2).startsWith(0);
        assertThat(all.value(all.start(1))).as("once, whatever the clicks").isEqualTo(1f);
        assertThat(all.time(all.start(1))).isEqualTo(1_396_796_546L);
    }

    @Test
    void aFileWithoutTheExpectedHeaderIsRefused(@TempDir Path root) throws IOException {
        gzip(root.resolve("yoochoose-100k/train_full.tsv.gz"), "3\t214716935\t1396437466.94\n");
        gzip(root.resolve("yoochoose-100k/test.tsv.gz"), "SessionId\tItemId\tTime\n");
        assertThatThrownBy(() -> PublicDatasets.loadSessions("yoochoose-100k", root))
                .hasMessageContaining("expected the header");
    }
}

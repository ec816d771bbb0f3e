package org.attune.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.attune.core.json.JsonRecordReader.RawRecord;
import org.attune.core.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {
    private final JsonRecordReader reader = new JsonRecordReader();

    @Test
    void aSingleObjectIsOneRecord() {
        List<RawRecord> records = read("{\"type\": \"view\", \"n\": 1}", 10);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).index()).isZero();
        assertThat(records.get(0).json().get("type").asText()).isEqualTo("view");
        assertThat(records.get(0).parseError()).isNull();
    }

    @Test
    void aPrettyPrintedObjectOverSeveralLinesIsOneRecord() {
        List<RawRecord> records = read("""

                {
                  "type": "view",
                  "properties": {
                    "price": 12.50
                  }
                }
                """, 10);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).json().at("/properties/price").toString()).isEqualTo("12.50");
    }

    @Test
    void anArrayGivesOneRecordPerElementInOrder() {
        List<RawRecord> records = read("  [{\"n\": 0}, {\"n\": 1},\n {\"n\": 2}]  ", 10);

        assertThat(records).extracting(RawRecord::index).containsExactly(0, 1, 2);
        assertThat(records).extracting(r -> r.json().get("n").asInt()).containsExactly(0, 1, 2);
        assertThat(records).extracting(RawRecord::parseError).containsOnlyNulls();
    }

    @Test
    void ndjsonGivesOneRecordPerLine() {
        List<RawRecord> records = read("{\"n\": 0}\n{\"n\": 1}\r\n{\"n\": 2}\n", 10);

        assertThat(records).extracting(RawRecord::index).containsExactly(0, 1, 2);
        assertThat(records).extracting(r -> r.json().get("n").asInt()).containsExactly(0, 1, 2);
    }

    @Test
    void aMalformedNdjsonLineIsReportedAloneAndTheOthersAreParsed() {
        List<RawRecord> records = read("{\"n\": 0}\n{\"n\": 1}\n{\"n\": 2,,}\n{\"n\": 3}\n", 10);

        assertThat(records).extracting(RawRecord::index).containsExactly(0, 1, 2, 3);
        RawRecord broken = records.get(2);
        assertThat(broken.json()).isNull();
        assertThat(broken.parseError()).startsWith("not valid JSON");
        assertThat(List.of(records.get(0), records.get(1), records.get(3)))
                .extracting(r -> r.json().get("n").asInt()).containsExactly(0, 1, 3);
        assertThat(List.of(records.get(0), records.get(1), records.get(3)))
                .extracting(RawRecord::parseError).containsOnlyNulls();
    }

    @Test
    void aLineCutOffInTheMiddleDoesNotSwallowTheNextLine() {
        List<RawRecord> records = read("{\"n\": 0, \"s\": \"tru\n{\"n\": 1}\nnot json\n{\"n\": 2}", 10);

        assertThat(records).hasSize(4);
        assertThat(records.get(0).json()).isNull();
        assertThat(records.get(1).json().get("n").asInt()).isEqualTo(1);
        assertThat(records.get(2).json()).isNull();
        assertThat(records.get(3).json().get("n").asInt()).isEqualTo(2);
    }

    @Test
    void blankLinesAreNotRecords() {
        List<RawRecord> records = read("\n\n{\"n\": 0}\n   \n\t\n{\"n\": 1}\n\n", 10);

        assertThat(records).extracting(RawRecord::index).containsExactly(0, 1);
        assertThat(records).extracting(r -> r.json().get("n").asInt()).containsExactly(0, 1);
    }

    @Test
    void blankLinesDoNotShiftTheIndexOfAMalformedLine() {
        List<RawRecord> records = read("{\"n\": 0}\n\n{oops}\n\n{\"n\": 2}\n", 10);

        assertThat(records).extracting(RawRecord::index).containsExactly(0, 1, 2);
        assertThat(records.get(1).json()).isNull();
        assertThat(records.get(2).json().get("n").asInt()).isEqualTo(2);
    }

    @Test
    void anEmptyBodyHasNoRecords() {
        assertThat(read("", 10)).isEmpty();
        assertThat(read(" \n\r\n\t ", 10)).isEmpty();
    }

    @Test
    void onlyTheGivenLengthOfTheBufferIsRead() {
        byte[] body = "{\"n\": 0}\n{\"n\": 1}\n{\"n\": 2}\n".getBytes(StandardCharsets.UTF_8);

        List<RawRecord> records = reader.read(body, 18, 10);

        assertThat(records).extracting(r -> r.json().get("n").asInt()).containsExactly(0, 1);
    }

    @Test
    void aMalformedArrayIsRefusedAsAWhole() {
        assertThatThrownBy(() -> read("[{\"n\": 0}, {\"n\": ]", 10))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("malformed_json"));
        assertThatThrownBy(() -> read("[{\"n\": 0},", 10))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("malformed_json"));
    }

    @Test
    void aRepeatedKeyRejectsOnlyItsRecordInAnArrayNdjsonOrConcatenatedObjects() {
        for (String body : List.of("[{\"n\": 0}, {\"n\": 1, \"n\": 2}, {\"n\": 3, \"m\": {\"k\": 1, \"k\": 1}}, 4]",
                "{\"n\": 0}\n{\"n\": 1, \"n\": 2}\n{\"n\": 3, \"m\": {\"k\": 1, \"k\": 1}}\n4\n",
                "{\"n\": 0}\n{\n \"n\": 1,\n \"n\": 2\n}\n{\"n\": 3, \"m\": {\"k\": 1,\n \"k\": 1}} 4")) {
            List<RawRecord> records = read(body, 10);

            assertThat(records).as(body).extracting(RawRecord::index).containsExactly(0, 1, 2, 3);
            assertThat(records).as(body).extracting(r -> r.problem() == null ? null : r.problem().code())
                    .containsExactly(null, "duplicate_key", "duplicate_key", null);
            assertThat(records.get(0).json().path("n").asInt()).isZero();
            assertThat(records.get(3).json().asInt()).isEqualTo(4);
        }
    }

    @Test
    void aRepeatedKeyInAPartOfALargerBodyIsFoundAtItsPlace() {
        String head = "{\"n\": 0}\n";
        byte[] body = (head + "{\"n\": 1}\n{\"n\": 2, \"n\": 3}\n{\"n\": 4}\n").getBytes(StandardCharsets.UTF_8);

        List<RawRecord> records = reader.read(body, head.length(), body.length, 10);

        assertThat(records).extracting(r -> r.problem() == null ? r.json().path("n").asInt() : -1)
                .containsExactly(1, -1, 4);
    }

    @Test
    void aNumberBeyondADoubleRejectsOnlyItsRecordWithItsPath() {
        for (String body : List.of("[{\"n\": 1e308}, {\"p\": {\"a\": [1, -1e400]}}, {\"n\": 1}]",
                "{\"n\": 1e308}\n{\"p\": {\"a\": [1, -1e400]}}\n{\"n\": 1}",
                "[{\"n\": 1e308}, {\"p\": {\"a\": [1, " + "9".repeat(400) + "]}}, {\"n\": 1}]")) {
            List<RawRecord> records = read(body, 10);

            assertThat(records).as(body).extracting(r -> r.problem() == null ? null : r.problem().code())
                    .containsExactly(null, "non_finite_number", null);
            assertThat(records.get(1).problem().path()).isEqualTo("p.a[1]");
            assertThat(records.get(1).json()).isNull();
        }
    }

    @Test
    void moreRecordsThanAllowedAreRefusedInEveryFormat() {
        assertThat(read("[{}, {}, {}]", 3)).hasSize(3);
        assertThat(read("{}\n{}\n{}", 3)).hasSize(3);

        assertTooLarge("[{}, {}, {}, {}]", 3);
        assertTooLarge("{}\n{}\n{}\n{}", 3);
        assertTooLarge("{}\n{}\n{broken\n{}", 3);
        assertTooLarge("{}\n{}", 1);
    }

    private void assertTooLarge(String body, int max) {
        assertThatThrownBy(() -> read(body, max))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("batch_too_large"));
    }

    private List<RawRecord> read(String body, int maxRecords) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return reader.read(bytes, bytes.length, maxRecords);
    }
}

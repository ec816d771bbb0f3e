package org.attune.server.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.attune.core.json.Json;
import org.junit.jupiter.api.Test;

/** Column mappings without a server: reading, checking, converting. */
class ImportMappingTest {

    private static ColumnMapping mapping(String json) throws IOException {
        return ColumnMapping.read(Json.MAPPER.readTree(json), "test mapping");
    }

    /** Maps every row of a small CSV text; returns the outcomes in order. */
    private static List<CsvRowMapper.Outcome> mapAll(ColumnMapping mapping, String csv) throws IOException {
        List<CsvRowMapper.Outcome> outcomes = new ArrayList<>();
        try (CSVParser parser = mapping.csv().format().parse(new StringReader(csv))) {
            CsvRowMapper mapper = new CsvRowMapper(mapping, mapping.csv().header() ? parser.getHeaderNames()
                    : List.of(), "test");
            for (CSVRecord row : parser) {
                outcomes.add(mapper.map(row, parser.getCurrentLineNumber()));
            }
        }
        return outcomes;
    }

    private static JsonNode record(CsvRowMapper.Outcome outcome) {
        assertThat(outcome).isInstanceOf(CsvRowMapper.Mapped.class);
        return ((CsvRowMapper.Mapped) outcome).record();
    }

    @Test
    void convertsCellsByTheirDeclaredKind() throws Exception {
        ColumnMapping m = mapping("""
                {"fields": [
                  {"field": "eventId", "template": "{Invoice}-{Code}-{$line}"},
                  {"field": "type", "value": "purchase"},
                  {"field": "userId", "column": "Customer", "as": "id"},
                  {"field": "timestamp", "column": "Date", "as": "datetime", "pattern": "yyyy-MM-dd HH:mm",
                   "zone": "Europe/London"},
                  {"field": "properties.quantity", "column": "Qty", "as": "integer"},
                  {"field": "properties.price", "column": "Price", "as": "number"},
                  {"field": "properties.gift", "column": "Gift", "as": "boolean"},
                  {"field": "properties.tags", "column": "Tags", "as": "list", "split": "|", "map": {"none": null}},
                  {"field": "context.surface", "value": "import"}]}""");
        List<CsvRowMapper.Outcome> outcomes = mapAll(m, """
                Invoice,Code,Customer,Date,Qty,Price,Gift,Tags
                536365,85123A,17850.0,2010-12-01 08:26,6.0,2.50,yes,red| blue ||none
                536366,22633,12583,2011-07-01 10:00,-2,1E+1,0,
                """);
        JsonNode winter = record(outcomes.get(0));
        assertThat(winter.path("eventId").asText()).isEqualTo("536365-85123A-2");
        assertThat(winter.path("userId").asText()).isEqualTo("17850");
        assertThat(winter.path("timestamp").asText()).isEqualTo("2010-12-01T08:26:00Z");
        assertThat(winter.path("properties").path("quantity").asLong()).isEqualTo(6);
        assertThat(winter.path("properties").path("quantity").isIntegralNumber()).isTrue();
        assertThat(winter.path("properties").path("price").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(winter.path("properties").path("price").toString()).isEqualTo("2.50");
        assertThat(winter.path("properties").path("gift").asBoolean()).isTrue();
        assertThat(winter.path("properties").path("tags")).extracting(JsonNode::asText).containsExactly("red", "blue");
        assertThat(winter.path("context").path("surface").asText()).isEqualTo("import");

        JsonNode summer = record(outcomes.get(1));
        assertThat(summer.path("userId").asText()).isEqualTo("12583");
        // British Summer Time: 10:00 in London is 09:00 UTC.
        assertThat(summer.path("timestamp").asText()).isEqualTo("2011-07-01T09:00:00Z");
        assertThat(summer.path("properties").path("quantity").asLong()).isEqualTo(-2);
        assertThat(summer.path("properties").path("price").decimalValue()).isEqualByComparingTo("10");
        assertThat(summer.path("properties").path("tags")).isEmpty();
    }

    @Test
    void unixTimesKeepTheirFractionAndUrlsAreEncoded() throws Exception {
        ColumnMapping m = mapping("""
                {"csv": {"delimiter": "\\t", "quote": null},
                 "fields": [
                  {"field": "eventId", "column": "Id"},
                  {"field": "type", "value": "click"},
                  {"field": "timestamp", "column": "Time", "as": "epoch_seconds"},
                  {"field": "properties.millis", "column": "Millis", "as": "epoch_millis"},
                  {"field": "properties.url", "column": "Url", "as": "url", "skipIfEmpty": true}]}""");
        List<CsvRowMapper.Outcome> outcomes = mapAll(m, "Id\tTime\tMillis\tUrl\n"
                + "a\t1396437466.94\t1396437466940\thttp://example.com/Title?Once Upon a Time... (Café)\n"
                + "b\t1396437466\t0\t\n");
        JsonNode a = record(outcomes.get(0));
        assertThat(a.path("timestamp").asText()).isEqualTo("2014-04-02T11:17:46.940Z");
        assertThat(a.path("properties").path("millis").asText()).isEqualTo("2014-04-02T11:17:46.940Z");
        assertThat(a.path("properties").path("url").asText())
                .isEqualTo("http://example.com/Title?Once%20Upon%20a%20Time...%20(Caf%C3%A9)");
        JsonNode b = record(outcomes.get(1));
        assertThat(b.path("timestamp").asText()).isEqualTo("2014-04-02T11:17:46Z");
        assertThat(b.path("properties").has("url")).isFalse();
    }

    @Test
    void firstApplicableRuleForAFieldWinsAndSkipConditionsAreCountedByName() throws Exception {
        ColumnMapping m = mapping("""
                {"skipIf": [{"column": "Customer", "empty": true}, {"column": "Kind", "in": ["test", "demo"]}],
                 "fields": [
                  {"field": "type", "value": "return", "when": {"column": "Invoice", "startsWith": "C"}},
                  {"field": "type", "column": "Kind", "map": {"pv": "view"}},
                  {"field": "userId", "column": "Customer"}]}""");
        List<CsvRowMapper.Outcome> outcomes = mapAll(m, """
                Invoice,Kind,Customer
                C1,pv,u1
                2,pv,u2
                3,buy,u3
                4,pv,
                5,demo,u5
                """);
        assertThat(record(outcomes.get(0)).path("type").asText()).isEqualTo("return");
        assertThat(record(outcomes.get(1)).path("type").asText()).isEqualTo("view");
        assertThat(record(outcomes.get(2)).path("type").asText()).isEqualTo("buy");
        assertThat(((CsvRowMapper.Skipped) outcomes.get(3)).because().describe()).isEqualTo("Customer is empty");
        assertThat(((CsvRowMapper.Skipped) outcomes.get(4)).because().describe())
                .isEqualTo("Kind is one of [demo, test]");
    }

    @Test
    void unconvertibleCellsAndShortRowsFailTheRowWithReasons() throws Exception {
        ColumnMapping m = mapping("""
                {"csv": {"header": false, "columns": ["user", "item", "rating"]},
                 "fields": [{"field": "type", "value": "rating"}, {"field": "userId", "column": "user"},
                            {"field": "properties.rating", "column": "rating", "as": "integer"}]}""");
        List<CsvRowMapper.Outcome> outcomes = mapAll(m, "u1,i1,4.5\nu2,i2\nu3,i3,\n");
        assertThat(((CsvRowMapper.Failed) outcomes.get(0)).problems().get(0).message())
                .isEqualTo("column rating: '4.5' is not a whole number");
        assertThat(((CsvRowMapper.Failed) outcomes.get(1)).problems().get(0).code()).isEqualTo("short_row");
        assertThat(((CsvRowMapper.Failed) outcomes.get(2)).problems().get(0).message())
                .contains("empty", "skipIfEmpty");
    }

    @Test
    void flagColumnsBecomeAListOfTheirNames() throws Exception {
        ColumnMapping m = mapping("""
                {"csv": {"delimiter": "|", "header": false, "quote": null,
                         "columns": ["id", "title", "Action", "Comedy", "Drama"]},
                 "fields": [{"field": "id", "column": "id"}, {"field": "title", "column": "title"},
                            {"field": "genres", "flags": ["Action", "Comedy", "Drama"]}]}""");
        List<CsvRowMapper.Outcome> outcomes = mapAll(m, "1|\"Quoted\" title|1|0|1\n");
        assertThat(record(outcomes.get(0)).path("title").asText()).isEqualTo("\"Quoted\" title");
        assertThat(record(outcomes.get(0)).path("genres")).extracting(JsonNode::asText)
                .containsExactly("Action", "Drama");
    }

    @Test
    void aMappingWithMistakesReportsEveryOneOfThem() {
        assertThatThrownBy(() -> mapping("""
                {"csv": {"header": false, "charset": "no-such-charset", "delimter": ";"},
                 "skipif": [],
                 "fields": [
                  {"field": "userId", "column": "a", "as": "text"},
                  {"field": "properties.tags", "column": "b", "as": "list"},
                  {"field": "timestamp", "column": "c", "as": "epoch_seconds", "zone": "Mars/Olympus"},
                  {"field": "itemId", "column": "d", "value": "x"},
                  {"field": "userId", "column": "e"},
                  {"field": "eventId", "template": "{open"}]}"""))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(((MappingException) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("csv.delimter")).anySatisfy(p ->
                        assertThat(p).contains("'skipif'")).anySatisfy(p ->
                        assertThat(p).contains("no-such-charset")).anySatisfy(p ->
                        assertThat(p).contains("'text'")).anySatisfy(p ->
                        assertThat(p).contains("needs \"split\"")).anySatisfy(p ->
                        assertThat(p).contains("\"zone\" only goes with")).anySatisfy(p ->
                        assertThat(p).contains("exactly one of column, value")).anySatisfy(p ->
                        assertThat(p).contains("never used")).anySatisfy(p ->
                        assertThat(p).contains("not closed")).anySatisfy(p ->
                        assertThat(p).contains("csv.columns must name the columns")));
    }

    @Test
    void aMappingIsCheckedAgainstWhatItProducesAndTheFileItReads() throws Exception {
        ColumnMapping events = mapping("""
                {"target": "events",
                 "fields": [{"field": "user", "column": "u"}, {"field": "userId.x", "column": "u"}]}""");
        assertThatThrownBy(() -> events.checkFor(ImportTarget.EVENTS, "m"))
                .hasMessageContaining("events have no field 'user'")
                .hasMessageContaining("only properties and context have sub-fields")
                .hasMessageContaining("needs a rule for 'type'");
        assertThatThrownBy(() -> events.checkFor(ImportTarget.PRODUCTS, "m"))
                .hasMessageContaining("this mapping produces events");
        ColumnMapping products = mapping("""
                {"fields": [{"field": "id", "column": "sku"}, {"field": "title", "column": "name"}]}""");
        assertThatThrownBy(() -> new CsvRowMapper(products, List.of("sku", "Name"), "file.csv"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("[name]").hasMessageContaining("[sku, Name]");
    }

    @Test
    void everyPresetLoadsWithItsCatalogDefinition() {
        for (String name : ImportPresets.NAMES) {
            ResolvedMapping preset = ImportPresets.load(name);
            assertThat(preset.mapping().target()).as(name).isNotNull();
            preset.mapping().checkFor(preset.mapping().target(), name);
            assertThat(preset.catalogDefinition()).as(name).isNotNull();
            assertThat(preset.catalogDefinition().path("schema").path("attributes").isArray()).as(name).isTrue();
        }
        assertThatThrownBy(() -> ImportPresets.load("movielens-10m")).isInstanceOf(MappingException.class)
                .hasMessageContaining("movielens-100k-ratings");
    }
}

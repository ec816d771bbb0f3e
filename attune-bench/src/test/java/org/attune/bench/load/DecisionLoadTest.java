package org.attune.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.attune.core.json.Json;
import org.junit.jupiter.api.Test;

class DecisionLoadTest {
    private static final List<String> CATALOG = IntStream.rangeClosed(1, 2_000)
            .mapToObj(i -> String.format("p-%06d", i)).toList();

    @Test
    void searchPagesAreDistinctProductsOfTheCatalogDrawnTheSameEachTime() {
        List<List<String>> pages = DecisionLoad.searchPages(CATALOG, 64, 1_000);

        assertThat(pages).hasSize(64).isEqualTo(DecisionLoad.searchPages(CATALOG, 64, 1_000));
        for (List<String> page : pages) {
            assertThat(page).hasSize(1_000).doesNotHaveDuplicates();
            assertThat(CATALOG).containsAll(page);
        }
        assertThat(new HashSet<>(pages)).as("pages differ").hasSize(64);
    }

    @Test
    void aCatalogSmallerThanAPageGivesEveryProduct() {
        List<List<String>> pages = DecisionLoad.searchPages(CATALOG.subList(0, 300), 2, 1_000);

        assertThat(pages).allSatisfy(page -> assertThat(page).containsExactlyInAnyOrderElementsOf(
                CATALOG.subList(0, 300)));
    }

    @Test
    void itemsOfTheStrategyMustBeEligibleAndDiverseWhileFallbackItemsNeedNot() {
        JsonNode kept = items("""
                [{"id": "p-1", "strategy": "for-you", "attributes": {"price": 49.99, "available": true, "brand": "a"}},
                 {"id": "p-2", "strategy": "for-you", "attributes": {"price": 499.99, "available": true, "brand": "a"}},
                 {"id": "p-3", "strategy": "popular", "attributes": {"price": 900.0, "available": true, "brand": "a"}},
                 {"id": "p-4", "strategy": "popular", "attributes": {"price": 9.0, "available": true, "brand": "a"}}]""");
        JsonNode broken = items("""
                [{"id": "p-1", "strategy": "for-you", "attributes": {"price": 500.0, "available": true, "brand": "a"}},
                 {"id": "p-2", "strategy": "for-you", "attributes": {"price": 5.0, "available": false, "brand": "a"}},
                 {"id": "p-3", "strategy": "for-you", "attributes": {"price": 5.0, "available": true, "brand": "a"}},
                 {"id": "p-4", "strategy": "for-you", "attributes": {"price": 5.0, "available": true, "brand": "a"}},
                 {"id": "p-4", "strategy": "popular", "attributes": {"price": 5.0, "available": true, "brand": "b"}}]""");

        assertThat(DecisionLoad.strategyBreaches(kept)).isEmpty();
        assertThat(DecisionLoad.strategyBreaches(broken)).hasSize(4).anyMatch(b -> b.startsWith("p-1 is not eligible"))
                .anyMatch(b -> b.startsWith("p-2 is not eligible")).contains("p-4 is given twice", "4 products of brand a");
    }

    @Test
    void theDecisionSummaryCountsPersonalizedAndFallbackAnswers() {
        JsonNode personalized = Json.MAPPER.createObjectNode().set("placements", items("""
                [{"source": "personalized", "fallback": null, "fallbackReason": null, "errors": [], "warnings": [],
                  "items": [{"id": "p-1", "strategy": "for-you", "attributes": {"price": 1.0, "available": true}}]}]"""));
        JsonNode fallback = Json.MAPPER.createObjectNode().set("placements", items("""
                [{"source": "fallback", "fallback": "popular",
                  "fallbackReason": "the strategy found 0 of 10 products after its exclusions and eligibility",
                  "errors": [], "warnings": [], "items": [{"id": "p-2", "strategy": "popular", "attributes": {}}]}]"""));

        List<String> lines = DecisionLoad.decisionSummary(List.of(personalized, fallback, fallback, fallback));

        assertThat(lines.get(0)).startsWith("4 sampled persons: personalized 25.0%, fallback 75.0%; mean 1.0 items");
        assertThat(lines).contains("answered by: 3 × fallback (popular); 1 × personalized",
                "fallback reasons: 3 × the strategy found fewer than 10 products after its exclusions and eligibility",
                "every item kept the strategy's eligibility, diversity and no repeats");
    }

    @Test
    void theRerankSummaryTellsScoredProductsAndHowFarTheyMoved() {
        JsonNode answer = items("""
                {"rule": "search-all", "warnings": [], "items": [
                  {"id": "p-3", "position": 2, "modelScore": 0.9},
                  {"id": "p-1", "position": 0, "modelScore": 0.0},
                  {"id": "p-2", "position": 1, "modelScore": null}]}""");

        List<String> lines = DecisionLoad.rerankSummary(List.of(answer), 3);

        assertThat(lines).containsExactly("1 sampled persons: rule 1 × search-all; the model scored 66.7% of the"
                + " products, 33.3% above zero; a product moved 1.3 places on average", "warnings in 0 answers");
    }

    private static JsonNode items(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package org.attune.core.decisioning.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.AttributeType;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.Expressions;
import org.junit.jupiter.api.Test;

/** The formula per candidate, the three rankers and the diversity limit. */
class RankingTest {
    private final Expressions expressions = new Expressions(new CatalogSchema(List.of(
            new AttributeDefinition("brand", AttributeType.STRING, AttributeRole.BRAND, false),
            new AttributeDefinition("price", AttributeType.NUMBER, AttributeRole.PRICE, false))));
    private final List<String> failures = new ArrayList<>();

    private static Product product(String id, String brand, double price) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("price", price);
        if (brand != null) {
            attributes.put("brand", brand);
        }
        return new Product(id, attributes, true, Instant.EPOCH);
    }

    private static RankedCandidate candidate(String id, double score, Double formula) {
        return RankedCandidate.of(id, product(id, "Nordpeak", 10), score, formula, Map.of("trending", score));
    }

    private static RankedCandidate branded(String id, String brand) {
        return RankedCandidate.of(id, product(id, brand, 10), 1, null, Map.of());
    }

    private static List<String> ids(List<RankedCandidate> ranked) {
        return ranked.stream().map(RankedCandidate::id).toList();
    }

    private Formula formula(String text) {
        return new Formula(expressions, expressions.compile(text, Expressions.Use.FORMULA).compiled(),
                expressions.variables(Map.of(), Map.of()), (part, cause) -> failures.add(part + ": "
                        + cause.getMessage()));
    }

    @Test
    void byScoreTheHigherScoreComesFirstAndTiesFallByProductId() {
        List<RankedCandidate> given = List.of(candidate("c", 0.5, null), candidate("a", 0.9, null),
                candidate("b", 0.5, null));

        List<RankedCandidate> ranked = new ScoreRanker().rank(given);

        assertThat(ids(ranked)).containsExactly("a", "b", "c");
        assertThat(ranked.get(0).value()).isEqualTo(0.9);
        assertThat(ids(given)).as("the list given is left as it was").containsExactly("c", "a", "b");
    }

    @Test
    void byFormulaTheFormulasValueRanksWhateverTheScore() {
        List<RankedCandidate> ranked = new FormulaRanker().rank(List.of(candidate("a", 0.9, 1.0),
                candidate("b", 0.1, 7.0)));

        assertThat(ids(ranked)).containsExactly("b", "a");
        assertThat(ranked.get(0).value()).isEqualTo(7.0);
        assertThat(ranked.get(0).score()).as("the score is kept for the answer").isEqualTo(0.1);
    }

    @Test
    void aBlendWeighsTheScoreAgainstTheFormulaScaledToZeroToOneOverTheCandidates() {
        List<RankedCandidate> ranked = new BlendRanker(0.75).rank(List.of(candidate("a", 1.0, 100.0),
                candidate("b", 0.2, 300.0), candidate("c", 0.6, 200.0)));

        // a: 0.25 x 1.0 + 0.75 x 0 = 0.25; b: 0.25 x 0.2 + 0.75 x 1 = 0.8; c: 0.25 x 0.6 + 0.75 x 0.5 = 0.525
        assertThat(ids(ranked)).containsExactly("b", "c", "a");
        assertThat(ranked.get(0).value()).isCloseTo(0.8, within(1e-12));
        assertThat(ranked.get(1).value()).isCloseTo(0.525, within(1e-12));
        assertThat(ranked.get(2).value()).isCloseTo(0.25, within(1e-12));

        List<RankedCandidate> flat = new BlendRanker(0.5).rank(List.of(candidate("a", 0.4, 3.0),
                candidate("b", 0.8, 3.0)));
        assertThat(flat.get(0).value()).as("one formula value scales to 0").isCloseTo(0.4, within(1e-12));
    }

    @Test
    void theStrategysRankingChoosesTheRanker() {
        assertThat(Ranker.of(Definitions.Ranking.BY_SCORE)).isInstanceOf(ScoreRanker.class);
        assertThat(Ranker.of(new Definitions.Ranking(Definitions.RankBy.FORMULA, "1.0", 0)))
                .isInstanceOf(FormulaRanker.class);
        assertThat(Ranker.of(new Definitions.Ranking(Definitions.RankBy.BLEND, "1.0", 0.3)))
                .isInstanceOf(BlendRanker.class);
    }

    @Test
    void theFormulaGivesItsValueAndLeavesOutACandidateItFailsOnOrGivesNoFiniteNumberFor() {
        assertThat(formula("product.price * score").value("boot-1", product("boot-1", null, 120), 0.5))
                .isEqualTo(60.0);
        assertThat(failures).isEmpty();

        assertThat(formula("product.price / 0.0").value("boot-1", product("boot-1", null, 120), 0.5)).isNull();
        assertThat(failures).containsExactly("formula: the formula gave Infinity for product boot-1");
    }

    @Test
    void theDiversityLimitTakesAtMostSoManyOfEachValueInRankOrderUpToTheCount() {
        List<RankedCandidate> ranked = List.of(branded("a", "Nordpeak"), branded("b", "Nordpeak"),
                branded("c", "Nordpeak"), branded("d", "Alva"), branded("e", null), branded("f", null),
                branded("g", "Alva"));

        assertThat(ids(DiversityLimit.of(new Definitions.Diversity("brand", 2)).first(ranked, 10)))
                .as("a product without a brand counts under the empty value").containsExactly("a", "b", "d", "e",
                        "f", "g");
        assertThat(ids(DiversityLimit.of(new Definitions.Diversity("brand", 1)).first(ranked, 2)))
                .containsExactly("a", "d");
        assertThat(ids(DiversityLimit.of(null).first(ranked, 3))).as("no diversity: the first three")
                .containsExactly("a", "b", "c");
    }
}

package org.attune.core.decisioning.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.attune.core.decisioning.DecisioningFixture;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.RecordingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The sources that ask a serving model: for the person ({@code model}), for the page's product ({@code related}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelSourcesTest {
    private DecisioningFixture shop;
    private Definitions.Source viewedTogether;
    private ModelSource model;
    private RelatedSource related;

    /** Boots are viewed together (boot-1 with boot-2 twice, with boot-3 once), and so are coat-1 and hat-1. */
    @BeforeAll
    void trainOnce() throws InterruptedException {
        shop = new DecisioningFixture();
        shop.sendBrowsing();
        String id = shop.coOccurrenceModel();
        viewedTogether = new Definitions.Source(Definitions.SourceType.MODEL, id, null);
        model = new ModelSource(shop.modelRecommender);
        related = new RelatedSource(shop.modelRecommender);
    }

    @AfterAll
    void close() {
        shop.close();
    }

    @Test
    void relatedProposesTheModelsProductsForThePagesProductTheBestScaledToOne() {
        RecordingSink sink = new RecordingSink();
        boolean more = related.collect(viewedTogether, shop.request(null, Map.of("product", "boot-1")), 10, sink);

        assertThat(sink.ids()).containsExactly("boot-2", "boot-3");
        assertThat(sink.scores.get("boot-2")).isEqualTo(1.0);
        assertThat(sink.scores.get("boot-3")).isStrictlyBetween(0.0, 1.0);
        assertThat(sink.products.get("boot-2")).as("read from the catalog once").isEqualTo(shop.product("boot-2"));
        assertThat(more).isFalse();
        assertThat(related.leadingProducts(viewedTogether, shop.request(null, Map.of("product", "boot-1")),
                "boot-3")).containsExactly("boot-1");
    }

    @Test
    void relatedProposesNothingWithoutAContextProductAndSaysMoreMayBeHadAtTheLimit() {
        RecordingSink none = new RecordingSink();
        assertThat(related.collect(viewedTogether, shop.request(null, Map.of()), 10, none)).isFalse();
        assertThat(none.ids()).isEmpty();

        RecordingSink one = new RecordingSink();
        assertThat(related.collect(viewedTogether, shop.request(null, Map.of("product", "boot-1")), 1, one))
                .isTrue();
        assertThat(one.ids()).containsExactly("boot-2");
    }

    @Test
    void theModelSourceProposesForThePersonFromTheirRecentViewsAndNothingForNobody() {
        RecordingSink sink = new RecordingSink();
        model.collect(viewedTogether, shop.request("a-3", Map.of()), 10, sink);

        assertThat(sink.ids()).isNotEmpty().allMatch(id -> id.equals("coat-1") || id.equals("hat-1"));
        assertThat(sink.scores.values()).contains(1.0).allMatch(score -> score > 0 && score <= 1);

        RecordingSink nobody = new RecordingSink();
        assertThat(model.collect(viewedTogether, shop.request(null, Map.of()), 10, nobody)).isFalse();
        assertThat(nobody.ids()).isEmpty();
        assertThat(nobody.warnings).isEmpty();
    }

    @Test
    void theModelSourceExplainsAProductByThePersonsRecentProductsThatTheModelRelatesToIt() {
        assertThat(model.leadingProducts(viewedTogether, shop.request("a-2", Map.of()), "boot-3"))
                .as("newest first").containsExactly("boot-2", "boot-1");
        assertThat(model.leadingProducts(viewedTogether, shop.request("a-2", Map.of()), "hat-1")).isEmpty();
        assertThat(model.leadingProducts(viewedTogether, shop.request(null, Map.of()), "boot-3")).isEmpty();
    }

    @Test
    void aModelThatIsNotServingIsAWarningNotAnError() throws Exception {
        String draft = shop.models.create(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("name", "Draft").put("catalog", "shop").put("kind", "co_occurrence")
                .set("signals", org.attune.core.json.Json.MAPPER.readTree("""
                        [{"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}]"""))).id();
        Definitions.Source notServing = new Definitions.Source(Definitions.SourceType.RELATED, draft, null);
        RecordingSink sink = new RecordingSink();

        assertThat(related.collect(notServing, shop.request(null, Map.of("product", "boot-1")), 10, sink)).isFalse();
        assertThat(sink.ids()).isEmpty();
        assertThat(sink.warnings).singleElement().asString()
                .startsWith("source related:" + draft + " did not answer: ");
    }
}

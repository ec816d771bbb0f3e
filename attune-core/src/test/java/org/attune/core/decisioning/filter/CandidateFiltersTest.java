package org.attune.core.decisioning.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.AttributeType;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.Expressions;
import org.junit.jupiter.api.Test;

/** Each exclusion leaves out what it names and keeps the rest; filters compose in order. */
class CandidateFiltersTest {
    private static final Product BOOT = product("boot-1", "Nordpeak", 120, true);
    private static final Product HAT = product("hat-1", "Kesto", 30, true);
    private static final Product SOCK = product("sock-1", "Kesto", 10, false);

    private final Expressions expressions = new Expressions(new CatalogSchema(List.of(
            new AttributeDefinition("title", AttributeType.STRING, AttributeRole.TITLE, false),
            new AttributeDefinition("brand", AttributeType.STRING, AttributeRole.BRAND, false),
            new AttributeDefinition("price", AttributeType.NUMBER, AttributeRole.PRICE, false))));
    private final List<String> failures = new ArrayList<>();

    private static Product product(String id, String brand, double price, boolean available) {
        return new Product(id, JsonNodeFactory.instance.objectNode().put("title", "A " + id).put("brand", brand)
                .put("price", price), available, Instant.EPOCH);
    }

    private static List<String> kept(CandidateFilter filter, Product... products) {
        List<String> kept = new ArrayList<>();
        for (Product product : products) {
            if (filter.keeps(product.id(), product, 0.5)) {
                kept.add(product.id());
            }
        }
        return kept;
    }

    private EligibilityFilter eligibility(String rule) {
        Expressions.Compiled compiled = expressions.compile(rule, Expressions.Use.ELIGIBILITY).compiled();
        return new EligibilityFilter(expressions, compiled, expressions.variables(Map.of(), Map.of()),
                (part, cause) -> failures.add(part + ": " + cause.getMessage()));
    }

    @Test
    void theProfilesExclusionsLeaveOutWhatThePersonBoughtHasInTheCartOrViewedLately() {
        assertThat(kept(new PurchasedFilter(List.of("boot-1")), BOOT, HAT)).containsExactly("hat-1");
        assertThat(kept(new InCartFilter(List.of("hat-1")), BOOT, HAT)).containsExactly("boot-1");
        assertThat(kept(new ViewedWithinFilter(List.of("boot-1", "hat-1")), BOOT, HAT, SOCK))
                .containsExactly("sock-1");
        assertThat(kept(new PurchasedFilter(List.of()), BOOT, HAT)).containsExactly("boot-1", "hat-1");
    }

    @Test
    void theContextProductIsLeftOut() {
        assertThat(kept(new ContextProductFilter("boot-1"), BOOT, HAT)).containsExactly("hat-1");
    }

    @Test
    void shownMoreThanLeavesOutWhatWasShownMoreOftenAndTheCapWhatReachedIt() {
        Map<String, Integer> shown = Map.of("boot-1", 3, "hat-1", 2);

        assertThat(kept(new ShownMoreThanFilter(shown, 2), BOOT, HAT, SOCK)).containsExactly("hat-1", "sock-1");
        assertThat(kept(new FrequencyCapFilter(shown, 2), BOOT, HAT, SOCK)).containsExactly("sock-1");
    }

    @Test
    void whatTheRequestAlreadyChoseIsLeftOutEvenWhenChosenAfterTheFilterWasBuilt() {
        Set<String> thisPlacement = new HashSet<>();
        AlreadyChosenFilter filter = new AlreadyChosenFilter(Set.of("boot-1"), thisPlacement);
        assertThat(kept(filter, BOOT, HAT, SOCK)).containsExactly("hat-1", "sock-1");

        thisPlacement.add("hat-1");
        assertThat(kept(filter, BOOT, HAT, SOCK)).containsExactly("sock-1");
    }

    @Test
    void unavailableProductsAndProductsTheCatalogDoesNotHoldAreLeftOut() {
        assertThat(kept(UnavailableFilter.INSTANCE, BOOT, HAT, SOCK)).containsExactly("boot-1", "hat-1");
        assertThat(UnavailableFilter.INSTANCE.keeps("gone-1", null, 1.0)).isFalse();
    }

    @Test
    void theEligibilityExpressionKeepsWhatItIsTrueForAndLeavesOutWhatItFailsOnReportingIt() {
        assertThat(kept(eligibility("product.price < 100.0"), BOOT, HAT)).containsExactly("hat-1");
        assertThat(kept(eligibility("score > 0.7"), BOOT, HAT)).as("the score is 0.5").isEmpty();
        assertThat(failures).isEmpty();

        assertThat(kept(eligibility("int(product.title) > 0"), BOOT, HAT)).isEmpty();
        assertThat(failures).hasSize(2).allMatch(failure -> failure.startsWith("eligibility: "));
    }

    @Test
    void composedFiltersAskInOrderAndStopAtTheFirstRefusalSoTheExpressionRunsLast() {
        CandidateFilter filter = CandidateFilter.all(List.of(new PurchasedFilter(List.of("boot-1")),
                UnavailableFilter.INSTANCE, eligibility("int(product.title) > 0")));

        assertThat(kept(filter, BOOT, HAT, SOCK)).isEmpty();
        assertThat(failures).as("evaluated only on hat-1: boot-1 was bought, sock-1 is unavailable").hasSize(1);

        CandidateFilter both = new ContextProductFilter("hat-1").and(UnavailableFilter.INSTANCE);
        assertThat(kept(both, BOOT, HAT, SOCK)).containsExactly("boot-1");
        assertThat(kept(CandidateFilter.all(List.of()), BOOT, SOCK)).as("no filter keeps all")
                .containsExactly("boot-1", "sock-1");
    }
}

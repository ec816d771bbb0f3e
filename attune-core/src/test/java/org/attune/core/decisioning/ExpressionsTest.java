package org.attune.core.decisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.AttributeType;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.Product;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
    private final Expressions expressions = new Expressions(new CatalogSchema(List.of(
            new AttributeDefinition("brand", AttributeType.STRING, AttributeRole.BRAND, false),
            new AttributeDefinition("price", AttributeType.NUMBER, AttributeRole.PRICE, false))));

    private Expressions.Compiled eligibility(String source) {
        Expressions.Result result = expressions.compile(source, Expressions.Use.ELIGIBILITY);
        assertThat(result.errors()).isEmpty();
        return result.compiled();
    }

    private static Product product(String id, double price) {
        return new Product(id, JsonNodeFactory.instance.objectNode().put("brand", "Nordpeak").put("price", price),
                true, Instant.EPOCH);
    }

    @Test
    void aRuleOnTheProductAloneIsRememberedPerProductVersionAndAnUpdatedProductIsJudgedAgain() throws Exception {
        Expressions.Compiled cheap = eligibility("product.price < 50.0");
        Expressions.Variables variables = expressions.variables(Map.of(), Map.of());
        Product boot = product("boot-1", 40);

        assertThat(expressions.eligible(cheap, variables, boot, 0.5)).isTrue();
        assertThat(expressions.rememberedVerdict(cheap, boot)).as("remembered for this version").isTrue();
        assertThat(expressions.eligible(cheap, variables, boot, 0.9)).isTrue();

        Product dearer = product("boot-1", 80);
        assertThat(expressions.rememberedVerdict(cheap, dearer)).as("not for the updated product").isNull();
        assertThat(expressions.eligible(cheap, variables, dearer, 0.5)).isFalse();
        assertThat(expressions.eligible(cheap, variables, boot, 0.5)).as("each version its own value").isTrue();
    }

    @Test
    void aRuleThatReadsTheScoreTheProfileOrTheContextIsEvaluatedEachTime() throws Exception {
        assertThat(eligibility("score > 0.5 && product.price < 50.0").remembersVerdicts()).isFalse();
        assertThat(eligibility("profile.purchases_90d > 0").remembersVerdicts()).isFalse();
        assertThat(eligibility("context.device == 'mobile'").remembersVerdicts()).isFalse();

        Expressions.Compiled confident = eligibility("score > 0.5");
        Expressions.Variables variables = expressions.variables(Map.of(), Map.of());
        Product boot = product("boot-1", 40);
        assertThat(expressions.eligible(confident, variables, boot, 0.9)).isTrue();
        assertThat(expressions.eligible(confident, variables, boot, 0.1)).isFalse();
    }

    @Test
    void aRuleCompiledAgainFindsWhatItRememberedAndAnotherRuleOrEnvironmentDoesNot() throws Exception {
        Product boot = product("boot-1", 40);
        Expressions.Variables variables = expressions.variables(Map.of(), Map.of());
        assertThat(expressions.eligible(eligibility("product.price < 50.0"), variables, boot, 0.5)).isTrue();

        assertThat(expressions.rememberedVerdict(eligibility("product.price < 50.0"), boot))
                .as("the same rule after the definitions were compiled again").isTrue();
        Expressions.Compiled dear = eligibility("product.price > 50.0");
        assertThat(expressions.rememberedVerdict(dear, boot)).as("another rule").isNull();
        assertThat(expressions.eligible(dear, variables, boot, 0.5)).isFalse();
        assertThat(expressions.rememberedVerdict(dear, boot)).isFalse();
        assertThat(expressions.rememberedVerdict(eligibility("product.price < 50.0"), boot))
                .as("both kept with the product").isTrue();

        Expressions rebuilt = new Expressions(new CatalogSchema(List.of(
                new AttributeDefinition("price", AttributeType.NUMBER, AttributeRole.PRICE, false))));
        Expressions.Compiled cheapAfterASchemaChange = rebuilt.compile("product.price < 50.0",
                Expressions.Use.ELIGIBILITY).compiled();
        assertThat(rebuilt.rememberedVerdict(cheapAfterASchemaChange, boot)).as("another environment").isNull();
    }
}

package org.attune.core.model.collaborative;

import static org.assertj.core.api.Assertions.assertThat;

import org.attune.core.model.Interactions;
import org.junit.jupiter.api.Test;

class CollaborativeTrainerTest {

    private static Interactions threeProducts() {
        return Interactions.builder().add("p1", "a", 1).add("p1", "b", 1).add("p2", "a", 1).add("p2", "c", 1)
                .add("p3", "b", 1).add("p3", "c", 1).build();
    }

    private static CollaborativeParams params(String method, int maxEaseItems) {
        CollaborativeParams d = CollaborativeParams.DEFAULTS;
        return new CollaborativeParams(method, d.easeLambda(), maxEaseItems, 4, 3, d.regularization(),
                d.alpha(), d.easeActivityExponent(), d.easeDropout(), d.regularizationExponent(), d.alsShare());
    }

    @Test
    void autoTakesTheBlendUpToMaxEaseItemsAndAlsBeyond() {
        Interactions data = threeProducts();
        CollaborativeTrainer small = new CollaborativeTrainer(params("auto", 3), 1);
        assertThat(small.methodFor(data)).isEqualTo("blend");
        BlendModel blend = (BlendModel) small.train(data);
        assertThat(blend.first()).isInstanceOf(EaseModel.class);
        assertThat(blend.second()).isInstanceOf(AlsModel.class);
        CollaborativeTrainer large = new CollaborativeTrainer(params("auto", 2), 1);
        assertThat(large.methodFor(data)).isEqualTo("als");
        assertThat(large.train(data)).isInstanceOf(AlsModel.class);
    }

    @Test
    void anExplicitMethodIsTakenWhateverTheCatalogSize() {
        Interactions data = threeProducts();
        assertThat(new CollaborativeTrainer(params("als", 100), 1).train(data)).isInstanceOf(AlsModel.class);
        assertThat(new CollaborativeTrainer(params("ease", 100), 1).train(data)).isInstanceOf(EaseModel.class);
    }

    @Test
    void alsGetsTheKindsParams() {
        AlsModel model = (AlsModel) new CollaborativeTrainer(params("als", 100), 1).train(threeProducts());
        assertThat(model.factors()).isEqualTo(4);
        assertThat(model.itemCount()).isEqualTo(3);
    }
}

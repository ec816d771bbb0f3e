package org.attune.core.model.kinds;

import org.attune.core.model.ModelKinds;
import org.attune.core.model.affinity.AffinityKind;
import org.attune.core.model.collaborative.CollaborativeKind;
import org.attune.core.model.cooccurrence.CoOccurrenceKind;
import org.attune.core.model.rp3beta.Rp3BetaKind;
import org.attune.core.model.sequence.SequenceKind;
import org.attune.core.model.trending.TrendingKind;

/**
 * The registry: every model kind Attune has, one line each, in the order the API and the
 * studio list them. A new kind is a package of its own with its {@code ModelKind} and one line
 * here. The sequence kind is listed without its learner (reading and serving need none); the
 * wiring trains with {@code ALL.with(new SequenceKind(learner))}.
 */
public final class BuiltInKinds {

    public static final ModelKinds ALL = ModelKinds.of(
            new AffinityKind(),
            new CoOccurrenceKind(),
            new CollaborativeKind(),
            new TrendingKind(),
            new SequenceKind(),
            new Rp3BetaKind());

    private BuiltInKinds() {
    }
}

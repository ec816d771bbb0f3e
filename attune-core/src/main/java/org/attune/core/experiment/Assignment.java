package org.attune.core.experiment;

import java.util.Comparator;
import java.util.List;
import net.openhft.hashing.LongHashFunction;

/**
 * Which variant a person gets: a hash of the experiment's salt and the person, so the same on
 * every node and at every request, in whatever order requests come, with nothing to store.
 * The top 32 bits of the hash say whether the person is enrolled (below the enrolled share),
 * the low 32 bits which variant (by the weights' cumulative shares): independent draws, so
 * the enrolled share does not bend the split. Different salts give unrelated assignments.
 *
 * <p>Whom the hash is of: a person's identity seen first ({@link #unitOf}). An anonymous
 * visitor is assigned by their anonymous id; when they sign in, the user id joins that person
 * and the first-seen anonymous id still decides, so the assignment stays. When two people with
 * history are stitched, the one seen earlier keeps theirs. Stateless.
 */
public final class Assignment {
    /** Not enrolled: the person gets what they would get without the experiment. */
    public static final int NOT_ENROLLED = -1;
    private static final LongHashFunction HASH = LongHashFunction.xx3(0x6578_7065_7269L);
    private static final double TWO_32 = 4_294_967_296.0;

    private Assignment() {
    }

    /**
     * One of a person's identities, with when it was first seen.
     *
     * @param id a user id or anonymous id
     * @param firstSeen when it was first seen, epoch milliseconds
     */
    public record Identity(String id, long firstSeen) {
    }

    /**
     * The identity the assignment hashes: the one seen first (ties broken by the id, so every
     * node picks the same); null for nobody.
     */
    public static String unitOf(List<Identity> identities) {
        return identities.stream().min(Comparator.comparingLong(Identity::firstSeen).thenComparing(Identity::id))
                .map(Identity::id).orElse(null);
    }

    /**
     * The variant's index for the person, or {@link #NOT_ENROLLED}.
     *
     * @param salt the experiment's own salt
     * @param unit whom the assignment is for ({@link #unitOf}); null is never enrolled
     * @param enrolledShare the share of people enrolled, 0 to 1
     * @param weights the variants' traffic weights (positive, any scale)
     */
    public static int variant(String salt, String unit, double enrolledShare, double[] weights) {
        if (unit == null || weights.length == 0) {
            return NOT_ENROLLED;
        }
        long hash = HASH.hashChars(salt + '\u0000' + unit);
        double enrolment = (hash >>> 32) / TWO_32;
        if (enrolment >= enrolledShare) {
            return NOT_ENROLLED;
        }
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double pick = (hash & 0xFFFF_FFFFL) / TWO_32 * total;
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (pick < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }
}

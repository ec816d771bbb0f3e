package org.attune.core.evaluation;

import java.util.HashSet;
import java.util.Set;
import org.attune.core.model.Sessions;

/**
 * What a session model trains on and the sessions whose next clicks it must predict, with one
 * product numbering: the training sessions'. The test sessions only refer to products of the
 * training sessions and have at least two clicks each.
 *
 * @param train the training sessions
 * @param test the test sessions, on the training sessions' products
 * @param protocol how the split was made, for reports
 */
public record SessionSplit(Sessions train, Sessions test, String protocol) {

    public SessionSplit {
        if (test.itemCount() != train.itemCount()) {
            throw new IllegalArgumentException("test sessions must use the training sessions' products: "
                    + test.itemCount() + " products against " + train.itemCount());
        }
    }

    /**
     * A split prepared elsewhere (such as session-rec's time-based split of YOOCHOOSE), made
     * evaluable as session-rec does when it loads one: clicks of the test sessions on products
     * the training sessions lack are dropped, then test sessions left with fewer than two
     * clicks.
     */
    public static SessionSplit prepared(Sessions train, Sessions test, String description) {
        return new SessionSplit(train, test.onProductsOf(train, 2), description);
    }

    /** Next-click predictions the protocol makes: every click of a test session but its first. */
    public long predictions() {
        return test.size() - (long) test.sessionCount();
    }

    /** Of {@link #predictions()}, those whose next click is on a product already clicked earlier in the session. */
    public long repeatedTargets() {
        long repeated = 0;
        Set<Integer> seen = new HashSet<>();
        for (int s = 0; s < test.sessionCount(); s++) {
            seen.clear();
            seen.add(test.item(test.start(s)));
            for (int position = test.start(s) + 1; position < test.end(s); position++) {
                if (!seen.add(test.item(position))) {
                    repeated++;
                }
            }
        }
        return repeated;
    }
}

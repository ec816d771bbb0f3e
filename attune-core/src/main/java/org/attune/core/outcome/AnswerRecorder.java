package org.attune.core.outcome;

import java.util.UUID;

/**
 * Where the endpoints that answer (decisions, re-ranking, recommendations) get each answer's
 * recId and hand the answer over to be logged. {@link Outcomes} is the real one.
 */
public interface AnswerRecorder {
    /** A recId for an answer with these dimensions given at {@code at}. */
    String issue(AnswerDimensions dimensions, long at);

    /** Logs an answer that was served (never a preview). */
    void served(ServedAnswer answer);

    /** Issues random ids and logs nothing: for previews, and for tests of answering alone. */
    AnswerRecorder NONE = new AnswerRecorder() {
        @Override
        public String issue(AnswerDimensions dimensions, long at) {
            return UUID.randomUUID().toString();
        }

        @Override
        public void served(ServedAnswer answer) {
        }
    };
}

package org.attune.core.personalization;

import java.util.List;

/**
 * One reason a catalog's personalization cannot be deactivated yet. Personalization rules
 * and A/B tests plug in here when they arrive; implementations must be thread-safe.
 */
@FunctionalInterface
public interface DeactivationCheck {

    /** Sentences naming what blocks deactivating the catalog's personalization; empty when nothing does. */
    List<String> blockers(String catalog);
}

/**
 * A strategy's exclusions as small composable filters
 * ({@link org.attune.core.decisioning.filter.CandidateFilter}): one class per kind (purchased,
 * in cart, viewed lately, the context product, shown too often, the placement's frequency cap,
 * already chosen in the request, unavailable) and the eligibility expression, which goes last.
 */
package org.attune.core.decisioning.filter;

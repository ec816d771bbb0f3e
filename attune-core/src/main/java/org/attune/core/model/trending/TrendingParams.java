package org.attune.core.model.trending;

import org.attune.core.model.ModelParams;
import org.attune.core.model.ParamSpec;
import org.attune.core.model.ParamsReader;

/**
 * The params of the {@code trending} kind.
 *
 * @param recentHours the window that counts as now (1 to 720; default 24)
 * @param baselineDays the longer window it is compared with (1 to 365; default 14)
 * @param halfLifeHours decay within the recent window (0.1 to 8,760; default 12)
 * @param minEvents products with fewer recent events are not trending (1 to 1,000,000; default 5)
 */
public record TrendingParams(int recentHours, int baselineDays, double halfLifeHours, int minEvents)
        implements ModelParams {
    private static final ParamSpec.Whole RECENT_HOURS = new ParamSpec.Whole("recentHours", 1, 24 * 30);
    private static final ParamSpec.Whole BASELINE_DAYS = new ParamSpec.Whole("baselineDays", 1, 365);
    private static final ParamSpec.Decimal HALF_LIFE_HOURS = new ParamSpec.Decimal("halfLifeHours", 0.1, 24 * 365);
    private static final ParamSpec.Whole MIN_EVENTS = new ParamSpec.Whole("minEvents", 1, 1_000_000);

    public static final TrendingParams DEFAULTS = new TrendingParams(24, 14, 12, 5);

    /** @throws IllegalArgumentException naming a field out of its range */
    public TrendingParams {
        RECENT_HOURS.check(recentHours);
        BASELINE_DAYS.check(baselineDays);
        HALF_LIFE_HOURS.check(halfLifeHours);
        MIN_EVENTS.check(minEvents);
    }

    static TrendingParams read(ParamsReader in) {
        return new TrendingParams(in.integer(RECENT_HOURS, DEFAULTS.recentHours),
                in.integer(BASELINE_DAYS, DEFAULTS.baselineDays),
                in.number(HALF_LIFE_HOURS, DEFAULTS.halfLifeHours),
                in.integer(MIN_EVENTS, DEFAULTS.minEvents));
    }
}

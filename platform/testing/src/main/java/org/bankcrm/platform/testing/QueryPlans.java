package org.bankcrm.platform.testing;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;

import org.hibernate.query.spi.QueryInterpretationCache;
import org.hibernate.query.sqm.internal.SqmCriteriaNodeBuilder;
import org.hibernate.reactive.mutiny.Mutiny;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * How many query plans Hibernate holds in its interpretation cache. A query run again must find its plan there; one
 * whose cache key never equals itself (any native select in Hibernate Reactive 3.2, whose ReactiveResultSetMapping
 * has no equals) adds a new entry on every execution, all with the same hash: the cache fills up to its bound and each
 * look-up then compares against every one of them (in the first benchmark, 11 % of offer-service's CPU). A test that
 * runs a hot path twice and finds the count grown the second time has found such a query; {@link #byQuery} names it.
 */
public final class QueryPlans {
    /** Plans a second round may still add: a query first reached on its second pass, not one per execution. */
    static final int SLACK = 2;

    private QueryPlans() {
    }

    /**
     * Runs {@code round} twice and fails if the second pass added more than {@link #SLACK} plans: the hot path it
     * exercises then holds a query whose plan is never reused.
     */
    public static void assertReusedOnSecondRound(Mutiny.SessionFactory sessionFactory, Runnable round) {
        round.run();
        int afterFirst = cached(sessionFactory);
        round.run();
        int afterSecond = cached(sessionFactory);
        if (afterSecond > afterFirst + SLACK) {
            throw new AssertionError("the second round added " + (afterSecond - afterFirst)
                    + " query plans (at most " + SLACK + " expected); plans by query: " + byQuery(sessionFactory));
        }
    }

    public static int cached(Mutiny.SessionFactory sessionFactory) {
        return interpretations(sessionFactory).getNumberOfCachedQueryPlans();
    }

    /** The cached plans counted by kind of key and query text (its first 120 characters): names the query that leaks. */
    public static Map<String, Long> byQuery(Mutiny.SessionFactory sessionFactory) {
        try {
            QueryInterpretationCache cache = interpretations(sessionFactory);
            Field plans = cache.getClass().getDeclaredField("queryPlanCache");
            plans.setAccessible(true);
            Object internal = plans.get(cache);
            Field caffeine = null;
            for (Field f : internal.getClass().getDeclaredFields()) {
                if (Cache.class.isAssignableFrom(f.getType())) {
                    caffeine = f;
                }
            }
            if (caffeine == null) {
                throw new IllegalStateException("no Caffeine cache inside " + internal.getClass());
            }
            caffeine.setAccessible(true);
            Map<String, Long> counts = new TreeMap<>();
            for (Object key : ((Cache<?, ?>) caffeine.get(internal)).asMap().keySet()) {
                String text = key instanceof QueryInterpretationCache.Key k ? k.getQueryString() : String.valueOf(key);
                String name = key.getClass().getSimpleName() + " " + text.replaceAll("\\s+", " ");
                counts.merge(name.length() > 120 ? name.substring(0, 120) : name, 1L, Long::sum);
            }
            return counts;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read Hibernate's query plan cache", e);
        }
    }

    private static QueryInterpretationCache interpretations(Mutiny.SessionFactory sessionFactory) {
        return ((SqmCriteriaNodeBuilder) sessionFactory.getCriteriaBuilder()).getQueryEngine().getInterpretationCache();
    }
}

package org.bankcrm.platform.store;

import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;

/**
 * Database work that runs to its end once started, whoever stops waiting for it. A REST caller that disconnects or
 * times out cancels the request's {@link Uni}; cancelled inside Hibernate Reactive's session - while it waits for a
 * pooled connection, a lock or a flush - the session is closed under the running work and its connection may never
 * return to the pool (quarkusio/quarkus#51576, hibernate/hibernate-reactive#4133). At 500 touchpoints/s over REST the
 * bench's 30 s client timeouts did that to every connection of interaction-service's pool within a minute, and every
 * consumer of the service stopped with it (docs/performance.md, 2026-12-08). The work is idempotent for the channel
 * (a touchpoint, a decision and a response have the caller's id), so one that completes after its caller left is
 * found by the caller's retry.
 */
public final class Uncancellable {
    private Uncancellable() {
    }

    /**
     * {@code work}, subscribed on its own: a cancelled subscriber of the result is no longer told of the outcome, and
     * the work goes on to its commit or rollback, releasing its connection.
     */
    public static <T> Uni<T> of(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }

    /** What an interceptor of a {@code Uni} method returns: the method's work made uncancellable, anything else as is. */
    static Object around(InvocationContext context) throws Exception {
        Object result = context.proceed();
        return result instanceof Uni<?> work ? of(work) : result;
    }
}

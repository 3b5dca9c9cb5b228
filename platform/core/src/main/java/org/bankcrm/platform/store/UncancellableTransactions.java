package org.bankcrm.platform.store;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;

/**
 * Every {@link WithTransaction} method's work runs to its commit or rollback ({@link Uncancellable}): bound to the
 * same annotation, around (priority 100, before Panache's 200) the interceptor that opens the session.
 */
@WithTransaction
@Interceptor
@Priority(100)
public class UncancellableTransactions {
    @AroundInvoke
    Object aroundTransaction(InvocationContext context) throws Exception {
        return Uncancellable.around(context);
    }
}

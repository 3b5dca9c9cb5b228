package org.bankcrm.platform.store;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.hibernate.reactive.panache.common.WithSession;

/**
 * Every {@link WithSession} method's reads run to their end ({@link Uncancellable}): bound to the
 * same annotation, around (priority 100, before Panache's 200) the interceptor that opens the session.
 */
@WithSession
@Interceptor
@Priority(100)
public class UncancellableSessions {
    @AroundInvoke
    Object aroundSession(InvocationContext context) throws Exception {
        return Uncancellable.around(context);
    }
}

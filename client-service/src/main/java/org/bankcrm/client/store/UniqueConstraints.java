package org.bankcrm.client.store;

import io.vertx.pgclient.PgException;

/** The unique constraints a write may still meet after its lock, and whether a failure is a breach of one. */
public final class UniqueConstraints {
    public static final String EXTERNAL_REF = "client_external_ref_unique";
    public static final String HELD_ONCE = "held_product_held_once";

    private UniqueConstraints() {
    }

    /** Whether {@code failure}, however Hibernate or Mutiny wrapped PostgreSQL's answer, breached {@code constraint}. */
    public static boolean breached(Throwable failure, String constraint) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof PgException pg && "23505".equals(pg.getSqlState()) && constraint.equals(pg.getConstraint())) {
                return true;
            }
            if (e instanceof org.hibernate.exception.ConstraintViolationException violation
                    && violation.getConstraintName() != null && violation.getConstraintName().endsWith(constraint)) {
                return true;
            }
        }
        return false;
    }
}

package org.bankcrm.platform.http;

/**
 * The bounds of every paged endpoint: {@code @Max(Paging.MAX_PAGE)} on {@code page} and a size of at most
 * {@link #MAX_SIZE}, so page × size stays far below {@link Integer#MAX_VALUE} (Panache's {@code Page} multiplies
 * them as ints); offsets computed by hand use {@link #offset}.
 */
public final class Paging {
    /** The highest page number accepted (page numbers start at 0). */
    public static final int MAX_PAGE = 100_000;
    /** The largest page size any endpoint may allow. */
    public static final int MAX_SIZE = 1_000;

    private Paging() {
    }

    /** The first row of a page, as a long so that no product overflows. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }
}

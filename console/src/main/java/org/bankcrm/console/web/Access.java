package org.bankcrm.console.web;

import org.bankcrm.console.access.Page;

/** The role check of a page: not signed in → the sign-in page; signed in without a role the page allows → 403 page. */
final class Access {
    private Access() {
    }

    static void require(Viewer viewer, Page page) {
        if (!viewer.may(page)) {
            viewer.user(); // throws NotSignedIn when nobody is signed in
            throw new Forbidden(page);
        }
    }

    static final class Forbidden extends RuntimeException {
        final Page page;

        Forbidden(Page page) {
            super("forbidden", null, false, false);
            this.page = page;
        }
    }
}

package org.bankcrm.console.web;

/** An address the console has nothing at (e.g. a client id that is not an id). */
final class NotFound extends RuntimeException {
    NotFound() {
        super("not found", null, false, false);
    }
}

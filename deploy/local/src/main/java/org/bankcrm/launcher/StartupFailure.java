package org.bankcrm.launcher;

import java.nio.file.Path;
import java.util.Optional;

/** Start-up went wrong; the message says what, and {@link #log()} which log shows why. */
final class StartupFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path log;

    StartupFailure(String message, Path log) {
        super(message);
        this.log = log;
    }

    StartupFailure(String message, Path log, Throwable cause) {
        super(message, cause);
        this.log = log;
    }

    Optional<Path> log() {
        return Optional.ofNullable(log);
    }
}

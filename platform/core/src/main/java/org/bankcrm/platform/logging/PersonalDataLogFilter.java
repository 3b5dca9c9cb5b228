package org.bankcrm.platform.logging;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Masks e-mail addresses, phone and card numbers in every log record before a handler writes it: the
 * formatted message (so also its parameters) and the messages of the attached exception and its causes.
 * Registered for the console and file handlers of every service by the platform's
 * {@code META-INF/microprofile-config.properties} ({@code quarkus.log.console.filter=crm-pii-mask}).
 * It never drops a record.
 */
@LoggingFilter(name = PersonalDataLogFilter.NAME)
public final class PersonalDataLogFilter implements Filter {
    public static final String NAME = "crm-pii-mask";

    private static final SimpleFormatter PLAIN = new SimpleFormatter();

    @Override
    public boolean isLoggable(LogRecord record) {
        try {
            mask(record);
        } catch (RuntimeException e) {
            // a record that cannot be formatted is written as the logger would have written it
        }
        return true;
    }

    static void mask(LogRecord record) {
        if (record.getMessage() != null) {
            String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : PLAIN.formatMessage(record);
            String masked = PersonalDataMasking.mask(formatted);
            if (!masked.equals(formatted) || record.getParameters() != null) {
                if (record instanceof ExtLogRecord ext) {
                    ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
                } else {
                    record.setMessage(masked);
                }
                record.setParameters(null);
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && !(thrown instanceof MaskedThrowable) && needsMasking(thrown)) {
            record.setThrown(MaskedThrowable.of(thrown, new IdentityHashMap<>()));
        }
    }

    private static boolean needsMasking(Throwable thrown) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = thrown; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !PersonalDataMasking.mask(message).equals(message)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (needsMasking(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Stands in for an exception whose message held personal data: prints as the original class with
     * the masked message, keeps the original stack trace, causes and suppressed exceptions (masked too).
     */
    static final class MaskedThrowable extends Throwable {
        private final String original;

        private MaskedThrowable(String original, String maskedMessage) {
            super(maskedMessage);
            this.original = original;
        }

        static Throwable of(Throwable t, Map<Throwable, Throwable> done) {
            Throwable existing = done.get(t);
            if (existing != null) {
                return existing;
            }
            MaskedThrowable masked = new MaskedThrowable(t.getClass().getName(), PersonalDataMasking.mask(t.getMessage()));
            done.put(t, masked);
            masked.setStackTrace(t.getStackTrace());
            if (t.getCause() != null && t.getCause() != t) {
                masked.initCause(of(t.getCause(), done));
            }
            for (Throwable suppressed : t.getSuppressed()) {
                masked.addSuppressed(of(suppressed, done));
            }
            return masked;
        }

        /** The original exception's class name, e.g. {@code org.hibernate.exception.ConstraintViolationException}. */
        String originalClass() {
            return original;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message != null ? original + ": " + message : original;
        }
    }
}

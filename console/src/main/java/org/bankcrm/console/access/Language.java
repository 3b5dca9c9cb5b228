package org.bankcrm.console.access;

import java.util.List;
import java.util.Locale;

/**
 * The language of the pages: the one the user chose (a cookie), else the first of the browser's languages the console
 * has texts for, else English.
 */
public final class Language {
    public static final List<String> SUPPORTED = List.of("en", "ru");
    public static final String DEFAULT = "en";

    private Language() {
    }

    public static boolean isSupported(String code) {
        return code != null && SUPPORTED.contains(code);
    }

    /** {@code chosen}: the cookie's value (may be null); {@code acceptLanguage}: the browser's header (may be null). */
    public static String choose(String chosen, String acceptLanguage) {
        if (isSupported(chosen)) {
            return chosen;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String code = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (range.getWeight() > 0 && isSupported(code)) {
                        return code;
                    }
                }
            } catch (IllegalArgumentException e) {
                return DEFAULT; // a malformed header is not the user's fault
            }
        }
        return DEFAULT;
    }
}

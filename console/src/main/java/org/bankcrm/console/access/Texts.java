package org.bankcrm.console.access;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's texts in one language: the message bundle {@code messages/console[_ru].properties} (UTF-8) as a map
 * from key to text, for the templates ({@code {t.searchTitle}}). English is the base bundle and the fallback of every
 * key.
 */
public final class Texts {
    public static final String BUNDLE = "messages.console";
    private static final Map<String, Map<String, String>> CACHE = new ConcurrentHashMap<>();

    private Texts() {
    }

    public static Map<String, String> of(String language) {
        return CACHE.computeIfAbsent(Language.isSupported(language) ? language : Language.DEFAULT, Texts::load);
    }

    private static Map<String, String> load(String language) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> texts = new TreeMap<>();
        for (String key : Collections.list(bundle.getKeys())) {
            texts.put(key, bundle.getString(key));
        }
        return Collections.unmodifiableMap(texts);
    }
}

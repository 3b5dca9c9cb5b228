package org.bankcrm.console.web;

import java.util.Locale;
import java.util.Map;

import io.quarkus.qute.TemplateExtension;

/** Formatting in the templates: {@code {fmt:label(t, code)}}, {@code {fmt:percent(x)}}, {@code {fmt:time(instant)}}. */
@TemplateExtension(namespace = "fmt")
public final class ViewFormat {
    private ViewFormat() {
    }

    /** The text of a code the services send (CALL_CENTER, COMPLAINT...) in the page's language; the code itself if none. */
    static String label(Map<String, String> texts, Object code) {
        if (code == null) {
            return "";
        }
        String key = code.toString();
        return texts.getOrDefault(key, key);
    }

    /** A probability 0-1 as a whole percentage, e.g. 0.273 → "27 %". */
    static String percent(Object probability) {
        if (!(probability instanceof Number n)) {
            return "–";
        }
        return Math.round(n.doubleValue() * 100) + " %";
    }

    /** A score with one decimal, e.g. 44.25 → "44.3". */
    static String score(Object value) {
        if (!(value instanceof Number n)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f", n.doubleValue());
    }

    /** An action's score, three decimals: e.g. 0.9071 → "0.907". */
    static String rank(Object value) {
        if (!(value instanceof Number n)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.3f", n.doubleValue());
    }

    /** A signed contribution with two decimals, e.g. "+2.90", "−13.30". */
    static String signed(Object value) {
        if (!(value instanceof Number n)) {
            return "";
        }
        double d = n.doubleValue();
        return (d < 0 ? "−" : "+") + String.format(Locale.ROOT, "%.2f", Math.abs(d));
    }

    /** An amount or ratio with two decimals and thousands grouped, e.g. 5000 → "5,000.00"; "–" when there is none. */
    static String amount(Object value) {
        if (!(value instanceof Number n)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,.2f", n.doubleValue());
    }

    /** A share 0-1 as a percentage with one decimal, e.g. 0.3333 → "33.3 %". */
    static String share(Object value) {
        if (!(value instanceof Number n)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f %%", n.doubleValue() * 100);
    }

    /** A growth 0.1429 as "+14.3 %" (a minus sign for a fall); "–" without a base month. */
    static String growth(Object value) {
        if (!(value instanceof Number n)) {
            return "–";
        }
        double d = n.doubleValue() * 100;
        return (d < 0 ? "−" : "+") + String.format(Locale.ROOT, "%.1f %%", Math.abs(d));
    }

    /** An ISO-8601 instant to minutes, UTC: "2026-12-06 09:41 UTC". */
    static String time(Object instant) {
        if (instant == null) {
            return "";
        }
        String text = instant.toString();
        if (text.length() >= 16 && text.charAt(10) == 'T') {
            return text.substring(0, 10) + " " + text.substring(11, 16) + " UTC";
        }
        return text;
    }
}

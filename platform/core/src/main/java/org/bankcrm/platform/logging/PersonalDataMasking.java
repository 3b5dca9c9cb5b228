package org.bankcrm.platform.logging;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like personal data in free text: e-mail addresses, phone numbers (E.164 and common
 * national formats) and payment card numbers (13–19 digits, spaces or dashes allowed, Luhn-valid).
 * It is the logs' second line of defence: code logs ids only, this catches what slips through
 * (an exception message quoting a value, a library logging a request).
 *
 * <p>Ordinary numbers stay readable: a phone number needs a leading {@code +}, a trunk {@code 0}
 * (10–11 digits) or the separated North-American 3-3-4 shape; a bare run of digits (a count, a port, a
 * duration, an epoch timestamp, an offset) and digits inside a token (UUIDs, hashes, versions, IP
 * addresses, dates) are left alone. A card number must start with 2–6 (every major scheme) and pass
 * the Luhn check, so epoch milliseconds (starting with 1) are never taken for a card.
 */
public final class PersonalDataMasking {
    public static final String EMAIL = "[EMAIL]";
    public static final String PHONE = "[PHONE]";
    public static final String CARD = "[CARD]";

    // not part of a larger token on the left / right
    private static final String START = "(?<![\\w+@./:#-])";
    private static final String END = "(?![\\w@/:#]|[.,-]\\d)";

    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "[\\w.%+-]++@(?:[A-Za-z0-9-]++\\.)++[A-Za-z]{2,}+");

    private static final Pattern CARD_NUMBER = Pattern.compile(START + "[2-6]\\d(?:[ -]?\\d){11,17}" + END);

    private static final Pattern PHONE_NUMBER = Pattern.compile(START + "(?:"
            // international: +<country code> then groups, one separator (space, dot, dash) between groups
            + "\\+[1-9](?:[ .-]?+(?:\\(\\d{1,4}\\)|\\d++))++"
            // French and similar pairs: 06 12 34 56 78
            + "|0\\d(?:[ .]\\d{2}){4}"
            // trunk-prefixed national: 020 7946 0958, 07700 900123, 030-12345678, 0612345678
            + "|0\\d{1,4}([ -]?)\\d{2,8}(?:\\1\\d{2,8}){0,3}"
            // North American: (415) 555-0132, 415-555-0132, 415.555.0132, 415 555 0132
            + "|\\(\\d{3}\\) ?\\d{3}[ .-]\\d{4}"
            + "|\\d{3}([ .-])\\d{3}\\2\\d{4}"
            + ")" + END);

    private PersonalDataMasking() {
    }

    /** The text with each e-mail address, card number and phone number replaced by a marker. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        if (masked.indexOf('@') >= 0) {
            masked = EMAIL_ADDRESS.matcher(masked).replaceAll(EMAIL);
        }
        if (!hasDigitRun(masked)) {
            return masked;
        }
        masked = replace(masked, CARD_NUMBER, PersonalDataMasking::isCardNumber, CARD);
        masked = replace(masked, PHONE_NUMBER, PersonalDataMasking::isPhoneNumber, PHONE);
        return masked;
    }

    /** Whether the candidate's digits are 13–19 long and pass the Luhn check. */
    static boolean isCardNumber(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static boolean isPhoneNumber(String candidate) {
        int digits = candidate.replaceAll("\\D", "").length();
        if (candidate.startsWith("+")) {
            return digits >= 7 && digits <= 15; // E.164: at most 15 digits with the country code
        }
        if (candidate.startsWith("0")) {
            return digits >= 10 && digits <= 11;
        }
        return digits == 10;
    }

    private static String replace(String text, Pattern pattern, Predicate<String> accept, String marker) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!accept.test(m.group())) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start()).append(marker);
            last = m.end();
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    /** Seven or more digits in a row (ignoring separators) is the least any of the three needs. */
    private static boolean hasDigitRun(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++run >= 7) {
                    return true;
                }
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                run = 0;
            }
        }
        return false;
    }
}

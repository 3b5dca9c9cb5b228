package org.bankcrm.offer.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The features the propensity model learns over: the client (one-hot bands and types, a few scaled numbers, a bias), the
 * client's contact history with the candidate offer, the decision's context (channel, and the month and weekday of the
 * planned contact date: campaigns answer with the season and the day of the call), then the client's
 * optional profile (occupation, marital status, education, household) and whether any earlier answer to the offer was an
 * acceptance or a decline. New features are appended, never inserted, so a stored posterior over an older list still maps
 * onto this one by name; an unknown value is all zeros (no evidence), like an unknown band.
 */
public final class ClientFeatures {
    private static final List<String> AGE_BANDS = List.of("AGE_14_17", "AGE_18_24", "AGE_25_34", "AGE_35_44", "AGE_45_54",
            "AGE_55_64", "AGE_65_PLUS");
    private static final List<String> INCOME = List.of("LOW", "MIDDLE", "UPPER_MIDDLE", "HIGH");
    private static final List<String> QUADRANTS = List.of("PROFITABLE_HIGH_POTENTIAL", "PROFITABLE_LOW_POTENTIAL",
            "UNPROFITABLE_HIGH_POTENTIAL", "UNPROFITABLE_LOW_POTENTIAL");
    private static final List<String> LOYALTY = List.of("TRUE", "LATENT", "SPURIOUS", "NONE");
    private static final List<String> CHANNELS = Arrays.stream(Channel.values()).map(Channel::name).toList();
    private static final List<String> OUTCOMES = List.of("ACCEPTED", "DECLINED", "IGNORED", "INTERESTED");
    private static final List<String> MONTHS = List.of("JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
            "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER");
    private static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
            "SUNDAY");
    private static final List<String> OCCUPATIONS = List.of("EMPLOYEE", "MANAGER", "SELF_EMPLOYED", "ENTREPRENEUR",
            "PUBLIC_SERVANT", "STUDENT", "RETIRED", "UNEMPLOYED", "HOMEMAKER", "OTHER");
    private static final List<String> MARITAL = List.of("SINGLE", "MARRIED", "DIVORCED", "WIDOWED");
    private static final List<String> EDUCATION = List.of("PRIMARY", "SECONDARY", "TERTIARY");
    /** Household size counts up to this many people (1 … 6+), dependants up to {@link #DEPENDANTS_SCALE}. */
    static final int HOUSEHOLD_SCALE = 6;
    static final int DEPENDANTS_SCALE = 4;
    /** Contact counts are scaled on a log scale up to this many: the first few contacts say the most. */
    static final int CONTACTS_SCALE = 20;
    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        names.add("bias");
        AGE_BANDS.forEach(b -> names.add("ageBand=" + b));
        INCOME.forEach(b -> names.add("income=" + b));
        QUADRANTS.forEach(q -> names.add("quadrant=" + q));
        LOYALTY.forEach(t -> names.add("loyalty=" + t));
        names.add("churnRisk");
        names.add("productsHeld/5");
        names.add("recentNegativeBankCaused");
        names.add("assistedChannel");
        names.add("offerContacts30d");
        names.add("offerContacts90d");
        names.add("categoryContacts30d");
        names.add("categoryContacts90d");
        names.add("daysSinceLastContact/cap");
        names.add("neverContacted");
        OUTCOMES.forEach(o -> names.add("lastOutcome=" + o));
        names.add("lastContactOnThisChannel");
        CHANNELS.forEach(c -> names.add("channel=" + c));
        MONTHS.forEach(m -> names.add("month=" + m));
        WEEKDAYS.forEach(d -> names.add("weekday=" + d));
        OCCUPATIONS.forEach(o -> names.add("occupation=" + o));
        MARITAL.forEach(m -> names.add("marital=" + m));
        EDUCATION.forEach(e -> names.add("education=" + e));
        names.add("householdSize/" + HOUSEHOLD_SCALE);
        names.add("dependants/" + DEPENDANTS_SCALE);
        names.add("offerAcceptedBefore");
        names.add("offerDeclinedBefore");
        names.add("lastContactRecency");
        NAMES = List.copyOf(names);
    }

    public static final int SIZE = NAMES.size();

    /** Every feature the model learns over: these, then the channel's allowed context features. */
    public static List<String> names(ChannelFeatures channel) {
        List<String> all = new ArrayList<>(NAMES);
        all.addAll(channel.modelNames());
        return List.copyOf(all);
    }

    /**
     * The full vector: {@link #of(ClientSnapshot, Channel, boolean, OfferContacts, LocalDate, int)} on the context's
     * calendar date (the planned contact date, else today), and the told context.
     */
    public static double[] of(DecisionContext context, boolean recentNegative, OfferContacts contacts, int daysSinceCap,
            ChannelFeatures channel) {
        double[] client = of(context.client(), context.channel(), recentNegative, contacts, context.calendarDate(),
                daysSinceCap);
        double[] told = channel.scaled(context.told());
        double[] x = Arrays.copyOf(client, client.length + told.length);
        System.arraycopy(told, 0, x, client.length, told.length);
        return x;
    }

    private ClientFeatures() {
    }

    /** The client and channel alone: no contact history, no calendar (the offer-independent part, for the audit). */
    public static double[] of(ClientSnapshot client, Channel channel, boolean recentNegative) {
        return of(client, channel, recentNegative, OfferContacts.NEVER, (LocalDate) null, 1);
    }

    /** As {@link #of(ClientSnapshot, Channel, boolean, OfferContacts, LocalDate, int)} on the UTC day of {@code now}. */
    public static double[] of(ClientSnapshot client, Channel channel, boolean recentNegative, OfferContacts contacts,
            Instant now, int daysSinceCap) {
        return of(client, channel, recentNegative, contacts, now == null ? null : LocalDate.ofInstant(now, ZoneOffset.UTC),
                daysSinceCap);
    }

    /**
     * The full vector for one candidate offer, contacted on {@code day} (its month and weekday; none when null);
     * {@code daysSinceCap} caps the days since the last contact.
     */
    public static double[] of(ClientSnapshot client, Channel channel, boolean recentNegative, OfferContacts contacts,
            LocalDate day, int daysSinceCap) {
        double[] x = new double[SIZE];
        int i = 0;
        x[i++] = 1.0;
        i = oneHot(x, i, AGE_BANDS, client.ageBand());
        i = oneHot(x, i, INCOME, client.incomeBracket());
        i = oneHot(x, i, QUADRANTS, client.quadrant());
        i = oneHot(x, i, LOYALTY, client.loyaltyType());
        x[i++] = client.churnRisk() == null ? 0 : client.churnRisk();
        x[i++] = Math.min(client.heldProducts().size(), 10) / 5.0;
        x[i++] = recentNegative ? 1 : 0;
        x[i++] = channel != null && channel.assisted() ? 1 : 0;
        x[i++] = contactCount(contacts.offerLast30Days());
        x[i++] = contactCount(contacts.offerLast90Days());
        x[i++] = contactCount(contacts.categoryLast30Days());
        x[i++] = contactCount(contacts.categoryLast90Days());
        x[i++] = contacts.neverContacted() ? 1 : Math.min(contacts.daysSinceLast(), daysSinceCap) / (double) daysSinceCap;
        x[i++] = contacts.neverContacted() ? 1 : 0;
        i = oneHot(x, i, OUTCOMES, contacts.lastOutcome() == null ? null : contacts.lastOutcome().name());
        x[i++] = channel != null && channel == contacts.lastChannel() ? 1 : 0;
        i = oneHot(x, i, CHANNELS, channel == null ? null : channel.name());
        i = oneHot(x, i, MONTHS, day == null ? null : day.getMonth().name());
        i = oneHot(x, i, WEEKDAYS, day == null ? null : day.getDayOfWeek().name());
        Demographics d = client.demographics();
        i = oneHot(x, i, OCCUPATIONS, d.occupation());
        i = oneHot(x, i, MARITAL, d.maritalStatus());
        i = oneHot(x, i, EDUCATION, d.education());
        x[i++] = scaled(d.householdSize(), HOUSEHOLD_SCALE);
        x[i++] = scaled(d.dependants(), DEPENDANTS_SCALE);
        x[i++] = contacts.acceptedBefore() ? 1 : 0;
        x[i++] = contacts.declinedBefore() ? 1 : 0;
        x[i++] = recency(contacts, daysSinceCap);
        return x;
    }

    /**
     * How recent the last contact about the offer was, on a log scale like the contact counts: 1 the same day, 0 at the
     * days-since cap or never; a week ago weighs far more than a month, a month little more than a year.
     */
    static double recency(OfferContacts contacts, int daysSinceCap) {
        if (contacts.neverContacted()) {
            return 0;
        }
        long days = Math.max(0, Math.min(contacts.daysSinceLast(), daysSinceCap));
        return 1 - Math.log1p(days) / Math.log1p(daysSinceCap);
    }

    /** A count on 0..1 up to {@code scale}; unknown (null) is 0, no evidence. */
    static double scaled(Integer count, int scale) {
        return count == null ? 0 : Math.min(Math.max(count, 0), scale) / (double) scale;
    }

    static double contactCount(int contacts) {
        return Math.log1p(Math.min(contacts, CONTACTS_SCALE)) / Math.log1p(CONTACTS_SCALE);
    }

    private static int oneHot(double[] x, int start, List<String> values, String value) {
        int at = value == null ? -1 : values.indexOf(value);
        if (at >= 0) {
            x[start + at] = 1.0;
        }
        return start + values.size();
    }
}

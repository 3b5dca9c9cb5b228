package org.bankcrm.offer.domain;

/** The client's marketing consents per medium and the profiling consent, as the last client event stated them. */
public record Consents(boolean email, boolean sms, boolean push, boolean phone, boolean profiling) {
    public static final Consents NONE = new Consents(false, false, false, false, false);

    /**
     * Marketing on a channel needs that medium's consent; where no medium-specific consent exists (branch,
     * internet bank, ATM, chat) a personalised offer still rests on profiling, so that consent is needed.
     */
    public boolean allowMarketingOn(Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case CALL_CENTER -> phone;
            case MOBILE_APP -> push;
            case BRANCH, INTERNET_BANK, ATM, CHAT -> profiling;
        };
    }

    public String consentFor(Channel channel) {
        return switch (channel) {
            case EMAIL -> "marketingEmail";
            case CALL_CENTER -> "marketingPhone";
            case MOBILE_APP -> "marketingPush";
            case BRANCH, INTERNET_BANK, ATM, CHAT -> "profiling";
        };
    }
}

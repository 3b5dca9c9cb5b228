package org.bankcrm.offer.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The client's consents as the decision pipeline checks them: marketing per channel, and profiling. */
@Embeddable
public class MarketingConsents {
    @Column(name = "consent_marketing_email")
    public boolean email;
    @Column(name = "consent_marketing_sms")
    public boolean sms;
    @Column(name = "consent_marketing_push")
    public boolean push;
    @Column(name = "consent_marketing_phone")
    public boolean phone;
    @Column(name = "consent_profiling")
    public boolean profiling;

    public MarketingConsents() {
    }

    public MarketingConsents(boolean email, boolean sms, boolean push, boolean phone, boolean profiling) {
        this.email = email;
        this.sms = sms;
        this.push = push;
        this.phone = phone;
        this.profiling = profiling;
    }
}

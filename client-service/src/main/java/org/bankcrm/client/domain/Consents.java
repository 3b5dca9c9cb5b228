package org.bankcrm.client.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** What the client allowed: marketing per channel and profiling. Nothing is assumed: absent means no. */
@Embeddable
public class Consents {
    @Column(name = "consent_marketing_email")
    public boolean marketingEmail;
    @Column(name = "consent_marketing_sms")
    public boolean marketingSms;
    @Column(name = "consent_marketing_push")
    public boolean marketingPush;
    @Column(name = "consent_marketing_phone")
    public boolean marketingPhone;
    @Column(name = "consent_profiling")
    public boolean profiling;

    public Consents() {
    }

    public Consents(boolean marketingEmail, boolean marketingSms, boolean marketingPush, boolean marketingPhone,
            boolean profiling) {
        this.marketingEmail = marketingEmail;
        this.marketingSms = marketingSms;
        this.marketingPush = marketingPush;
        this.marketingPhone = marketingPhone;
        this.profiling = profiling;
    }

    public static Consents none() {
        return new Consents();
    }
}

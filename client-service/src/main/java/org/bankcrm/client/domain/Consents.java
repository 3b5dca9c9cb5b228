package org.bankcrm.client.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

    /** One consent given or withdrawn. */
    public record Change(ConsentPurpose purpose, boolean granted) {
    }

    public boolean granted(ConsentPurpose purpose) {
        return switch (purpose) {
            case MARKETING_EMAIL -> marketingEmail;
            case MARKETING_SMS -> marketingSms;
            case MARKETING_PUSH -> marketingPush;
            case MARKETING_PHONE -> marketingPhone;
            case PROFILING -> profiling;
        };
    }

    public Map<ConsentPurpose, Boolean> asMap() {
        Map<ConsentPurpose, Boolean> map = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            map.put(purpose, granted(purpose));
        }
        return map;
    }

    /** The purposes whose answer differs in {@code next}, with the new answer, in purpose order. */
    public List<Change> changesTo(Consents next) {
        List<Change> changes = new ArrayList<>();
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            if (granted(purpose) != next.granted(purpose)) {
                changes.add(new Change(purpose, next.granted(purpose)));
            }
        }
        return changes;
    }

    public Consents copy() {
        return new Consents(marketingEmail, marketingSms, marketingPush, marketingPhone, profiling);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Consents other && changesTo(other).isEmpty();
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }
}

package org.bankcrm.demo;

import java.util.List;

/**
 * One generated client and everything the loader sends for them: the registration, the products opened,
 * twelve months of financials, a later consent change (or none), the touchpoints in time order, and whether a
 * channel asks offer-service for their next best actions during the load (with the draw that decides the answer).
 */
public record DemoClient(int index, Profile profile, Payloads.RegisterClient registration,
        List<Payloads.OpenProduct> products, List<Payloads.RecordFinancials> financials,
        Payloads.ChangeConsents consentChange, List<Payloads.Touchpoint> touchpoints, String decisionChannel,
        double responseDraw, boolean leaving) {
}

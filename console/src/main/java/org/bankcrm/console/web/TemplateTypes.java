package org.bankcrm.console.web;

import org.bankcrm.console.access.Page;
import org.bankcrm.console.access.SignedIn;
import org.bankcrm.console.services.ServiceProblem;
import org.bankcrm.console.view.CxTables;
import org.bankcrm.console.view.KpiSeries;
import org.bankcrm.console.view.LoyaltyHistory;
import org.bankcrm.console.view.OfferCatalogue;
import org.bankcrm.console.view.TouchpointForm;

import io.quarkus.qute.TemplateData;

/** The Java types the templates read, declared here so the access and view classes need no Qute annotation. */
@TemplateData(target = Page.class)
@TemplateData(target = SignedIn.class)
@TemplateData(target = ServiceProblem.class)
@TemplateData(target = LoyaltyHistory.class)
@TemplateData(target = KpiSeries.class)
@TemplateData(target = TouchpointForm.class)
@TemplateData(target = CxTables.Row.class)
@TemplateData(target = OfferCatalogue.Row.class)
@TemplateData(target = OfferCatalogue.Uplift.class)
final class TemplateTypes {
    private TemplateTypes() {
    }
}

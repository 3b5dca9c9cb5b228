package org.bankcrm.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void aChannelUserSeesTheCustomer360Only() {
        assertThat(Page.menuFor(EnumSet.of(Role.CHANNEL))).containsExactly(Page.CUSTOMER_360);
    }

    @Test
    void anAnalystSeesTheCxMonitorTheAnalyticsAndTheOfferCatalogueButNotTheCustomer360() {
        Set<Role> analyst = EnumSet.of(Role.ANALYST);
        assertThat(Page.menuFor(analyst)).containsExactly(Page.CX_MONITOR, Page.ANALYTICS, Page.OFFER_CATALOGUE);
        assertThat(Page.CUSTOMER_360.allows(analyst)).isFalse();
    }

    @Test
    void marketingSeesTheAnalyticsAndTheOfferCatalogue() {
        assertThat(Page.menuFor(EnumSet.of(Role.MARKETING))).containsExactly(Page.ANALYTICS, Page.OFFER_CATALOGUE);
    }

    @Test
    void aTokenWithoutAConsoleRoleOpensNothing() {
        assertThat(Page.menuFor(Role.fromClaims(Set.of("integration", "some-other-app-role")))).isEmpty();
    }

    @Test
    void eachPageHasItsMessageKey() {
        assertThat(Page.CUSTOMER_360.messageKey()).isEqualTo("pageCustomer360");
        assertThat(Page.OFFER_CATALOGUE.messageKey()).isEqualTo("pageOfferCatalogue");
        for (Page page : Page.values()) {
            assertThat(Texts.of("en")).containsKey(page.messageKey());
        }
    }
}

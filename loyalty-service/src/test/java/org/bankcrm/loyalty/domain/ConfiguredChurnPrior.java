package org.bankcrm.loyalty.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** The churn prior exactly as application.properties configures it, for tests without Quarkus. */
final class ConfiguredChurnPrior {
    private ConfiguredChurnPrior() {
    }

    static ChurnRiskModel load() {
        Properties properties = new Properties();
        try (InputStream in = ConfiguredChurnPrior.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<ChurnFeature, ChurnRiskModel.Term> terms = new EnumMap<>(ChurnFeature.class);
        for (ChurnFeature feature : ChurnFeature.values()) {
            terms.put(feature, new ChurnRiskModel.Term(
                    Double.parseDouble(properties.getProperty("crm.loyalty.churn.coefficient." + feature.key())),
                    Double.parseDouble(properties.getProperty("crm.loyalty.churn.typical." + feature.key()))));
        }
        // the intercept's and horizon's defaults live in LoyaltyConfig (@WithDefault)
        return new ChurnRiskModel(-2.944, terms, Duration.ofDays(180));
    }
}

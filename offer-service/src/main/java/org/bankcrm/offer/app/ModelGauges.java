package org.bankcrm.offer.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.offer.domain.ModelMonitor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Prometheus gauges per offer, so an alert can fire when a propensity model degrades: {@code crm_offer_model_auc}
 * (online AUC over the monitoring window; NaN while the window lacks an acceptance or a refusal),
 * {@code crm_offer_model_brier} and {@code crm_offer_model_calibration_gap} (mean expected minus observed rate), each
 * tagged {@code offer=<code>}. A replica shows the offers whose answers it learnt since it started.
 */
@ApplicationScoped
public class ModelGauges {
    private final MeterRegistry registry;
    private final Map<String, ModelMonitor.Summary> latest = new ConcurrentHashMap<>();

    public ModelGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The offer's latest summary; the first one registers its gauges. */
    public void update(String offerCode, ModelMonitor.Summary summary) {
        if (latest.put(offerCode, summary) == null) {
            Gauge.builder("crm.offer.model.auc", latest, m -> value(m, offerCode, ModelMonitor.Summary::auc))
                    .description("online AUC of the offer's propensity model over its monitoring window")
                    .tag("offer", offerCode).register(registry);
            Gauge.builder("crm.offer.model.brier", latest, m -> value(m, offerCode, ModelMonitor.Summary::brier))
                    .description("Brier score of the expected propensity over the monitoring window")
                    .tag("offer", offerCode).register(registry);
            Gauge.builder("crm.offer.model.calibration.gap", latest,
                    m -> value(m, offerCode, s -> s.meanExpected() - s.observedRate()))
                    .description("mean expected propensity minus observed acceptance over the monitoring window")
                    .tag("offer", offerCode).register(registry);
        }
    }

    private static double value(Map<String, ModelMonitor.Summary> latest, String offerCode,
            java.util.function.ToDoubleFunction<ModelMonitor.Summary> metric) {
        ModelMonitor.Summary summary = latest.get(offerCode);
        return summary == null ? Double.NaN : metric.applyAsDouble(summary);
    }
}

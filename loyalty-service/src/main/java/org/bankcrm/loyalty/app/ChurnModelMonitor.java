package org.bankcrm.loyalty.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bankcrm.loyalty.domain.ChurnFeature;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The churn model's health as Prometheus gauges, recomputed every {@code crm.loyalty.churn.monitor-interval} from
 * {@link ChurnLearning#report()}, so an alert can fire when the model degrades or its inputs drift:
 * {@code crm_churn_model_observations}, {@code crm_churn_model_version}, {@code crm_churn_model_auc} and
 * {@code crm_churn_model_brier} (over the monitoring window; NaN before it holds both outcomes), and
 * {@code crm_churn_model_feature_drift{feature}} (the window's mean against all observations', in standard deviations).
 */
@ApplicationScoped
public class ChurnModelMonitor {
    private static final Logger LOG = Logger.getLogger(ChurnModelMonitor.class);

    private final ChurnLearning learning;
    private final LoyaltyConfig config;
    private final AtomicReference<ChurnLearning.Report> latest = new AtomicReference<>();
    private final Map<String, Double> drift = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    public ChurnModelMonitor(ChurnLearning learning, LoyaltyConfig config, MeterRegistry metrics) {
        this.learning = learning;
        this.config = config;
        Gauge.builder("crm.churn.model.observations", this, m -> m.value(r -> (double) (r.positives() + r.negatives())))
                .description("observations the churn model learnt from").register(metrics);
        Gauge.builder("crm.churn.model.version", this, m -> m.value(r -> (double) r.version()))
                .description("version of the churn model (one more per observation)").register(metrics);
        Gauge.builder("crm.churn.model.auc", this, m -> m.value(r -> r.monitoring().auc()))
                .description("AUC of the churn model over the newest observations (scored before learning)").register(metrics);
        Gauge.builder("crm.churn.model.brier", this, m -> m.value(r -> r.monitoring().brier()))
                .description("Brier score of the churn model over the newest observations").register(metrics);
        for (ChurnFeature feature : ChurnFeature.values()) {
            Gauge.builder("crm.churn.model.feature.drift", this, m -> m.drift.getOrDefault(feature.key(), Double.NaN))
                    .tag("feature", feature.key())
                    .description("mean of the input over the newest observations against all, in standard deviations")
                    .register(metrics);
        }
    }

    private double value(java.util.function.Function<ChurnLearning.Report, Double> read) {
        ChurnLearning.Report report = latest.get();
        Double value = report == null ? null : read.apply(report);
        return value == null ? Double.NaN : value;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "churn-model-monitor"));
        long every = config.churn().monitorInterval().toMillis();
        executor.scheduleWithFixedDelay(this::refresh, Math.min(every, 5_000), every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Recomputes the gauges; a failure keeps the last values until the next interval. */
    public void refresh() {
        try {
            update(VertxContextSupport.subscribeAndAwait(learning::report));
        } catch (Throwable e) {
            LOG.warnf("churn model monitoring failed, retried at the next interval: %s", e.toString());
        }
    }

    public void update(ChurnLearning.Report report) {
        latest.set(report);
        for (ChurnLearning.Drift d : report.monitoring().drift()) {
            drift.put(d.feature(), d.shift() == null ? Double.NaN : d.shift());
        }
    }
}

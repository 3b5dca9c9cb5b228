package org.bankcrm.bench;

import java.io.PrintStream;

import org.bankcrm.demo.CrmApi;
import org.bankcrm.demo.DemoLoader;
import org.bankcrm.demo.DemoSummary;

/**
 * The population the bench measures against: the demo bank of {@code crm-demo} (seeded, so every run loads the same
 * bank), loaded through the public APIs and the ingest topic exactly as {@code crm up} loads it, then given time until
 * every client's loyalty score is in, so the measurement does not begin while the services still digest the load.
 */
final class DemoBank {
    private DemoBank() {
    }

    /** The seconds the load took, until the scores caught up. */
    static double load(StackState stack, int clients, long seed, PrintStream out) throws InterruptedException {
        long began = System.nanoTime();
        CrmApi.authorize(stack.bearerToken());
        CrmApi api = api(stack);
        DemoLoader.Loaded loaded = new DemoLoader(new DemoLoader.Options(clients, seed, 8, "unused", stack.kafkaBootstrap()),
                api, out).load();
        DemoSummary summary = new DemoSummary(api, out);
        summary.awaitScores(DemoLoader.clientCount(api), 300);
        out.printf(java.util.Locale.ROOT, "demo bank: %,d clients, %,d touchpoints, %,d decisions%n", loaded.clients(),
                loaded.touchpointsRest() + loaded.touchpointsTopic(), loaded.decisions());
        return Math.round((System.nanoTime() - began) / 1e8) / 10.0;
    }

    static CrmApi api(StackState stack) {
        return new CrmApi(stack.baseUrl("client-service"), stack.baseUrl("interaction-service"),
                stack.baseUrl("loyalty-service"), stack.baseUrl("offer-service"));
    }
}

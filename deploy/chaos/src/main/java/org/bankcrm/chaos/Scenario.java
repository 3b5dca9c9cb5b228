package org.bankcrm.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The faults {@code crm chaos --scenario} injects under load, each with how long the fault lasts unless {@code --down} says. */
enum Scenario {
    /** SIGKILL to one replica of each service in turn, started again after 10 s. */
    REPLICA_KILL("replica-kill", 10, "kill -9 of one replica, each service in turn"),
    /** SIGKILL to every replica of one service at once, each service in turn, started again after 20 s. */
    OUTAGE("outage", 20, "kill -9 of every replica of one service at once (a full outage of it), each service in turn"),
    /** SIGKILL to the Kafka broker, started again after 15 s. */
    BROKER_KILL("broker-kill", 15, "kill -9 of the Kafka broker"),
    /** SIGTERM to the broker (a controlled shutdown), started again after 15 s. */
    BROKER_STOP("broker-stop", 15, "graceful stop of the Kafka broker"),
    /** {@code pg_ctl stop -m fast}, started again after 15 s. */
    POSTGRES_FAST("postgres-fast", 15, "PostgreSQL fast shutdown (pg_ctl -m fast)"),
    /** {@code pg_ctl stop -m immediate} (a crash: WAL recovery on the start), started again after 15 s. */
    POSTGRES_IMMEDIATE("postgres-immediate", 15, "PostgreSQL immediate shutdown (pg_ctl -m immediate)"),
    /** The services' connections to PostgreSQL cut and refused for 30 s (the database runs; Kafka keeps delivering). */
    POSTGRES_UNREACHABLE("postgres-unreachable", 30, "PostgreSQL unreachable (connections cut and refused)"),
    /** Malformed, unknown and near-maximum-size records on the ingest topic in the middle of the load. */
    POISON("poison", 0, "poison records on crm.touchpoint.ingest.v1"),
    /** A minute of loyalty-service's replicas killed and started again in turn: its group rebalances again and again. */
    REBALANCE_STORM("rebalance-storm", 60, "a rebalance storm: loyalty-service's replicas killed and started again in turn");

    /** The service of the rebalance storm: it applies every crm.interaction.recorded, which the reconciliation counts. */
    static final String STORM_SERVICE = "loyalty-service";

    final String option;
    final int defaultDownSeconds;
    final String description;

    Scenario(String option, int defaultDownSeconds, String description) {
        this.option = option;
        this.defaultDownSeconds = defaultDownSeconds;
        this.description = description;
    }

    /** A comma-separated list of options, e.g. {@code broker-kill,broker-stop}; {@code all} is every scenario. */
    static List<Scenario> parse(String value) {
        if (value.equals("all")) {
            return List.of(values());
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Scenario::of).distinct().toList();
    }

    static Scenario of(String option) {
        return Arrays.stream(values()).filter(s -> s.option.equals(option)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + option + "'; known: " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(s -> s.option).collect(Collectors.joining(", "));
    }

    boolean needsTwoReplicas() {
        return this == REPLICA_KILL || this == REBALANCE_STORM;
    }

    boolean needsDatabaseProxy() {
        return this == POSTGRES_UNREACHABLE;
    }

    /** The whole stack is affected (broker, database, ingest topic): every group's lag is watched, not one service's. */
    boolean infrastructure() {
        return this != REPLICA_KILL && this != OUTAGE && this != REBALANCE_STORM;
    }
}

package org.bankcrm.platform.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service holds, checked with ArchUnit: no service imports another service or is
 * imported by the platform; {@code domain} is plain Java, free of the api, events and store layers and
 * of Quarkus, Vert.x, Mutiny, Kafka and Jackson, and of the platform but for its plain JPA bases of entities; every REST endpoint names the roles that may call it; every Kafka
 * consumer goes through the platform's incoming pipeline, and no service keeps its own copy of one of its steps.
 */
public final class ArchitectureRules {
    public static final String ROOT = "org.bankcrm";
    public static final List<String> SERVICES = List.of("client", "interaction", "loyalty", "offer");
    /** The platform's JPA bases of service entities, plain Java themselves (PlatformArchitectureTest): a domain may extend them. */
    public static final String PLAIN_ENTITY_BASES = "org.bankcrm.platform.entity..";

    private ArchitectureRules() {
    }

    /** Imports the production classes of one service (by its package under {@code org.bankcrm}). */
    public static JavaClasses importService(String service) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT + "." + service);
    }

    /** Checks every rule for the given service; fails with ArchUnit's report on the first broken one. */
    public static void check(String service) {
        JavaClasses classes = importService(service);
        for (ArchRule rule : rules(service)) {
            rule.check(classes);
        }
    }

    public static List<ArchRule> rules(String service) {
        List<ArchRule> rules = new ArrayList<>(layering(service));
        rules.addAll(incomingPipeline(ROOT + "." + service, service + "-service"));
        return rules;
    }

    static final String INCOMING = "org.eclipse.microprofile.reactive.messaging.Incoming";
    static final String CONSUMER_RECORD = "org.apache.kafka.clients.consumer.ConsumerRecord";
    static final String CONSUMER_RECORDS = "org.apache.kafka.clients.consumer.ConsumerRecords";
    static final String MESSAGE = "org.eclipse.microprofile.reactive.messaging.Message";
    static final String INBOX = "org.bankcrm.platform.inbox.Inbox";
    /** Names of the incoming pipeline's steps, which the platform owns (store.ClientLocks, erasure.ErasedClients, ...). */
    static final String PIPELINE_STEP =
            ".*\\.[^.]*(Tombstone|ErasedClient|Parked|Parking|Inbox|DeadLetter|AppliedSequence)[^.]*|.*Locks?";
    /** The platform's tables of the pipeline (and the services' former copies of them). */
    static final Pattern PIPELINE_TABLE = Pattern.compile(
            "(?i)(inbox_.*|outbox_.*|parked_.*|.*tombstone.*|erased_client.*|applied_sequence|client_sequence)");

    /**
     * The incoming pipeline, for the classes under {@code base}: every Kafka consumer ({@code @Incoming} method) takes
     * the record as it came (or a poll's batch of them, as the connector's Message to acknowledge) and hands it to {@code Inbox.consume} ({@code Inbox.consumeBatch})
     * (CloudEvent and subject validation, inbox dedupe,
     * ordering, failures and DLQ); no class is a copy of one of the pipeline's steps (client locks, tombstones of
     * erased clients, parking, inbox, dead letters, applied sequences) by its name or by the table it maps.
     */
    public static List<ArchRule> incomingPipeline(String base, String name) {
        return List.of(
                methods().that().areDeclaredInClassesThat().resideInAPackage(base + "..")
                        .and().areAnnotatedWith(INCOMING)
                        .should(handTheRecordToTheInbox())
                        .as(name + ": every Kafka consumer hands the record (or batch) as it came to the platform's Inbox"),
                // a REST view may name what it shows (loyalty-service's ParkedView counts a client's parked events)
                noClasses().that().resideInAPackage(base + "..").and().resideOutsideOfPackage(base + ".api..")
                        .should().haveNameMatching(PIPELINE_STEP)
                        .as(name + " declares no lock, tombstone, parking, inbox or dead-letter class of its own "
                                + "(the platform's ClientLocks, ErasedClients, ParkedRecords, Inbox, DeadLetters)"),
                classes().that().resideInAPackage(base + "..").and().areAnnotatedWith("jakarta.persistence.Table")
                        .should(mapNoTableOfThePipeline())
                        .as(name + " maps none of the incoming pipeline's tables (they are the platform's)"));
    }

    private static ArchCondition<JavaMethod> handTheRecordToTheInbox() {
        return new ArchCondition<>("take the ConsumerRecord (Message<ConsumerRecords>) and hand it to Inbox.consume (consumeBatch)") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                String taken = method.getRawParameterTypes().size() == 1 ? method.getRawParameterTypes().get(0).getName() : "";
                boolean poll = taken.equals(MESSAGE) && typeArgument(method.getParameterTypes().get(0)).equals(CONSUMER_RECORDS);
                String inboxMethod = poll ? "consumeBatch" : "consume";
                boolean takesRecord = taken.equals(CONSUMER_RECORD) || poll;
                boolean callsInbox = method.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().getName().equals(INBOX) && call.getName().equals(inboxMethod));
                events.add(new SimpleConditionEvent(method, takesRecord && callsInbox, method.getFullName()
                        + (takesRecord ? "" : " does not take the ConsumerRecord (or the poll's Message<ConsumerRecords>) as it came;")
                        + (callsInbox ? "" : " does not call Inbox." + inboxMethod + ";")
                        + (takesRecord && callsInbox ? " goes through the platform's pipeline" : "")));
            }
        };
    }

    /** The erasure of a parameterized type's first type argument ("" for a raw type). */
    private static String typeArgument(JavaType type) {
        return type instanceof JavaParameterizedType parameterized && !parameterized.getActualTypeArguments().isEmpty()
                ? parameterized.getActualTypeArguments().get(0).toErasure().getName()
                : "";
    }

    private static ArchCondition<JavaClass> mapNoTableOfThePipeline() {
        return new ArchCondition<>("map no table of the incoming pipeline") {
            @Override
            public void check(JavaClass entity, ConditionEvents events) {
                JavaAnnotation<JavaClass> table = entity.getAnnotationOfType("jakarta.persistence.Table");
                String tableName = String.valueOf(table.get("name").orElse(""));
                boolean pipeline = PIPELINE_TABLE.matcher(tableName).matches();
                events.add(new SimpleConditionEvent(entity, !pipeline, entity.getName() + " maps table " + tableName));
            }
        };
    }

    private static List<ArchRule> layering(String service) {
        String base = ROOT + "." + service;
        String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> ROOT + "." + s + "..")
                .toArray(String[]::new);
        return List.of(
                noClasses().that().resideInAPackage(base + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(others)
                        .as(service + "-service imports no other service"),
                noClasses().that().resideInAPackage(base + ".domain..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                base + ".api..", base + ".events..", base + ".store..", base + ".app..")
                        .as(service + " domain depends on no outer layer"),
                noClasses().that().resideInAPackage(base + ".domain..")
                        .should().dependOnClassesThat(resideInAnyPackage(
                                "io.quarkus..", "io.vertx..", "io.smallrye..", "org.apache.kafka..",
                                "com.fasterxml.jackson..", "jakarta.ws.rs..", "org.bankcrm.platform..")
                                .and(not(resideInAPackage(PLAIN_ENTITY_BASES))))
                        .as(service + " domain is plain Java (no Quarkus, Vert.x, Mutiny, Kafka, Jackson, JAX-RS; of the"
                                + " platform only its plain JPA bases)"),
                methods().that().areAnnotatedWith("jakarta.ws.rs.GET")
                        .or().areAnnotatedWith("jakarta.ws.rs.POST")
                        .or().areAnnotatedWith("jakarta.ws.rs.PUT")
                        .or().areAnnotatedWith("jakarta.ws.rs.PATCH")
                        .or().areAnnotatedWith("jakarta.ws.rs.DELETE")
                        .should(nameTheRolesThatMayCallThem())
                        .as(service + "-service: every REST endpoint has @RolesAllowed (on the method or its class)"));
    }

    private static ArchCondition<JavaMethod> nameTheRolesThatMayCallThem() {
        return new ArchCondition<>("name the roles that may call them") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean named = method.isAnnotatedWith("jakarta.annotation.security.RolesAllowed")
                        || method.getOwner().isAnnotatedWith("jakarta.annotation.security.RolesAllowed");
                events.add(new SimpleConditionEvent(method, named,
                        method.getFullName() + (named ? " has" : " has no") + " @RolesAllowed"));
            }
        };
    }
}

package org.bankcrm.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service holds, checked with ArchUnit: no service imports another service or is
 * imported by the platform; {@code domain} is plain Java, free of the api, events and store layers and
 * of Quarkus, Vert.x, Mutiny, Kafka and Jackson; every REST endpoint names the roles that may call it.
 */
public final class ArchitectureRules {
    public static final String ROOT = "org.bankcrm";
    public static final List<String> SERVICES = List.of("client", "interaction", "loyalty", "offer");

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
                        .should().dependOnClassesThat().resideInAnyPackage(
                                "io.quarkus..", "io.vertx..", "io.smallrye..", "org.apache.kafka..",
                                "com.fasterxml.jackson..", "jakarta.ws.rs..", "org.bankcrm.platform..")
                        .as(service + " domain is plain Java (no Quarkus, Vert.x, Mutiny, Kafka, Jackson, JAX-RS)"),
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

package org.bankcrm.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class PlatformArchitectureTest {
    static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bankcrm.platform");

    @Test
    void thePlatformImportsNoService() {
        noClasses().that().resideInAPackage("org.bankcrm.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.bankcrm.client..", "org.bankcrm.interaction..", "org.bankcrm.loyalty..", "org.bankcrm.offer..")
                .check(PLATFORM);
    }

    /** The bases a service's domain entities extend stay as plain as that domain: Java and JPA annotations only. */
    @Test
    void theEntityBasesArePlainJavaAndJpa() {
        classes().that().resideInAPackage("org.bankcrm.platform.entity..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.persistence..",
                        "org.bankcrm.platform.entity..")
                .check(PLATFORM);
    }
}

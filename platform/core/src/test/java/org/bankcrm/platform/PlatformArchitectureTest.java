package org.bankcrm.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class PlatformArchitectureTest {
    @Test
    void thePlatformImportsNoService() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.bankcrm.platform");
        noClasses().that().resideInAPackage("org.bankcrm.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.bankcrm.client..", "org.bankcrm.interaction..", "org.bankcrm.loyalty..", "org.bankcrm.offer..")
                .check(classes);
    }
}

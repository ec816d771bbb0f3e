package org.attune.sequence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: the sequence module uses core and DJL, never the server or a store. */
class ArchitectureTest {

    @Test
    void sequenceDependsOnNeitherServerNorStore() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.attune.sequence");
        noClasses().that().resideInAPackage("org.attune.sequence..")
                .should().dependOnClassesThat().resideInAnyPackage("org.attune.server..", "org.attune.store..",
                        "io.javalin..", "org.duckdb..")
                .because("the sequence model is a library of core's models (see DESIGN.md)")
                .check(classes);
    }
}

package org.attune.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: core knows nothing of HTTP, databases, DJL, the CLI or metrics. */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.attune.core");
    }

    @Test
    void theProductionClassesOfCoreAreImported() {
        assertThat(core.contain(org.attune.core.eventlog.FileEventLog.class)).isTrue();
        assertThat(core.contain(ArchitectureTest.class)).as("test classes are left out").isFalse();
    }

    @Test
    void coreDependsOnNoWebDatabaseModelCliOrMetricsLibrary() {
        ArchRule rule = noClasses().that().resideInAPackage("org.attune.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.javalin..",
                        "org.eclipse.jetty..",
                        "jakarta.servlet..",
                        "java.net.http..",
                        "com.sun.net.httpserver..",
                        "org.duckdb..",
                        "java.sql..",
                        "ai.djl..",
                        "picocli..",
                        "io.micrometer..")
                .because("core must stay free of HTTP, storage engines, DJL, the CLI and metrics (see DESIGN.md)");

        rule.check(core);
    }
}

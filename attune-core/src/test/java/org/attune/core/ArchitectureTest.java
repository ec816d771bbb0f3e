package org.attune.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward: core knows nothing of HTTP, databases, DJL, the CLI or metrics;
 * its packages import each other without cycles, and its layers point one way (from what
 * delivers answers down to the records and the failures everything shares).
 */
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

    @Test
    void corePackagesAreFreeOfCycles() {
        ArchRule rule = slices().matching("org.attune.core.(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a package is read and changed on its own only when what it imports does not import it back;"
                        + " a sub-package is a package of its own here, so contracts sit below what implements them");

        rule.check(core);
    }

    @Test
    void coreLayersPointOneWay() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("shared").definedBy("org.attune.core.validation..", "org.attune.core.json..",
                        "org.attune.core.storage.failure..", "org.attune.core.snapshot..")
                .layer("records").definedBy("org.attune.core.catalog..", "org.attune.core.event..",
                        "org.attune.core.eventlog..", "org.attune.core.security..", "org.attune.core.dictionary..",
                        "org.attune.core.synthetic..")
                .layer("people").definedBy("org.attune.core.ingest..", "org.attune.core.profile..",
                        "org.attune.core.popularity..", "org.attune.core.outcome..")
                .layer("models").definedBy("org.attune.core.model..", "org.attune.core.evaluation..")
                .layer("serving").definedBy("org.attune.core.training..")
                .layer("delivery").definedBy("org.attune.core.recommend..", "org.attune.core.decisioning..",
                        "org.attune.core.personalization..", "org.attune.core.experiment..")
                .layer("stores").definedBy("org.attune.core.storage", "org.attune.core.storage.memory..")
                .whereLayer("stores").mayNotBeAccessedByAnyLayer()
                .whereLayer("delivery").mayOnlyBeAccessedByLayers("stores")
                .whereLayer("serving").mayOnlyBeAccessedByLayers("delivery", "stores")
                .whereLayer("models").mayOnlyBeAccessedByLayers("serving", "delivery", "stores")
                .whereLayer("people").mayOnlyBeAccessedByLayers("models", "serving", "delivery", "stores")
                .whereLayer("records").mayOnlyBeAccessedByLayers("people", "models", "serving", "delivery", "stores")
                .because("each store contract sits beside the service that uses it, and the store as a whole"
                        + " (Storage, one of each contract) is assembled on top; records know nothing of the"
                        + " models and answers built from them");

        rule.check(core);
    }

    @Test
    void everyCorePackageIsInALayer() {
        assertThat(core.getPackage("org.attune.core").getSubpackagesInTree())
                .allSatisfy(pkg -> assertThat(pkg.getName()).matches(
                        "org\\.attune\\.core\\.(validation|json|snapshot|storage|catalog|event|eventlog|security|dictionary"
                        + "|synthetic|ingest|profile|popularity|outcome|model|evaluation|training|recommend|decisioning"
                        + "|personalization|experiment)"
                        + "(\\..*)?"));
    }
}

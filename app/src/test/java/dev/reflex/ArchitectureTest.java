package dev.reflex;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md, checked on the compiled classes. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.reflex");
    }

    @Test
    void only_the_composition_root_knows_the_command_line() {
        noClasses().that().resideOutsideOfPackages("dev.reflex.app..", "dev.reflex.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.reflex.cli..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void the_store_and_the_bus_do_not_know_the_http_api() {
        noClasses().that().resideInAnyPackage("dev.reflex.store..", "dev.reflex.bus..", "dev.reflex.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.reflex.api..", "io.javalin..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void engines_do_not_depend_on_the_composition_root_except_for_the_service_interface() {
        noClasses().that().resideOutsideOfPackages("dev.reflex.app..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.reflex.app..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("Service"))))
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void the_runners_reach_agents_only_through_their_seam() {
        noClasses().that().resideInAPackage("dev.reflex.runners..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.reflex.sensu..", "dev.reflex.agent..",
                        "dev.reflex.events..", "io.javalin..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void nobody_reads_the_wall_clock_directly() {
        noClasses().that().resideOutsideOfPackages("dev.reflex.app..", "dev.reflex.cli..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .allowEmptyShould(true).check(classes);
    }
}

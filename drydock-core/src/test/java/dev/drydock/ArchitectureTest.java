package dev.drydock;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core stays a framework-free library whose packages form no cycles. */
class ArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.drydock");

  @Test
  void coreKnowsNoFramework() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..", "picocli..")
        .check(CORE);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.drydock.(**)").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void analyzersDoNotDependOnEachOther() {
    slices().matching("dev.drydock.index.(*)..").should().notDependOnEachOther()
        .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.drydock.index"))
        .check(CORE);
  }
}

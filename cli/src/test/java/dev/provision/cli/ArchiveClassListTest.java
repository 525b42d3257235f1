package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The list of classes the launcher's archive run loads is in the jar, sorted and without
 * duplicates, and names no class of provision's own that is gone: a renamed class fails here until
 * {@code bench/archive-classes} writes the list again.
 */
class ArchiveClassListTest {

  private static List<String> listed() throws IOException {
    try (InputStream in = ArchiveClasses.class.getResourceAsStream(ArchiveClasses.RESOURCE)) {
      assertThat(in).as("the class list in the jar").isNotNull();
      List<String> names = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line);
        }
      }
      return names;
    }
  }

  @Test
  void theListIsSortedAndHasEachClassOnce() throws IOException {
    List<String> names = listed();
    assertThat(names).hasSizeGreaterThan(2000).doesNotHaveDuplicates();
    assertThat(names).isSortedAccordingTo(String::compareTo);
  }

  @Test
  void everyClassOfProvisionItNamesStillExists() throws IOException {
    List<String> gone = new ArrayList<>();
    for (String name : listed()) {
      if (!name.startsWith("dev/provision/")) {
        continue;
      }
      try {
        Class.forName(name.replace('/', '.'), false, getClass().getClassLoader());
      } catch (ClassNotFoundException e) {
        gone.add(name);
      }
    }
    assertThat(gone).as("renamed or removed: run bench/archive-classes").isEmpty();
  }

  @Test
  void nothingIsLoadedUnlessTheLauncherAsks() {
    assertThat(Boolean.getBoolean(ArchiveClasses.PROPERTY)).isFalse();
    assertThat(ArchiveClasses.loadForArchive()).isZero();
    assertThat(ArchiveClasses.load()).isGreaterThan(2000);
  }
}

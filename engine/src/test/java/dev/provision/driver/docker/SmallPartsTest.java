package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.ConflictException;
import dev.provision.diag.ProvisionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** The driver's pure helpers: image references, tar reading, engine error text. */
class SmallPartsTest {

  @Test
  void imageReferencesSplitIntoRepositoryAndTag() {
    assertThat(ImagePuller.split("postgres")).containsExactly("postgres", "latest");
    assertThat(ImagePuller.split("postgres:16")).containsExactly("postgres", "16");
    assertThat(ImagePuller.split("127.0.0.1:5000/team/app"))
        .containsExactly("127.0.0.1:5000/team/app", "latest");
    assertThat(ImagePuller.split("127.0.0.1:1/none:latest"))
        .containsExactly("127.0.0.1:1/none", "latest");
    assertThat(ImagePuller.split("app@sha256:00ff")).containsExactly("app@sha256:00ff", null);
  }

  @Test
  void tarGivesTheFirstFileOrNothing() throws Exception {
    assertThat(TarFiles.firstFile(tar("note", "hello\n", false)))
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("hello\n"));
    assertThat(TarFiles.firstFile(tar("folder/", "", true))).isEmpty();
    assertThat(TarFiles.firstFile(new ByteArrayInputStream(new byte[1024]))).isEmpty();
  }

  private static ByteArrayInputStream tar(String name, String content, boolean folder)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      if (!folder) {
        entry.setSize(data.length);
      }
      out.putArchiveEntry(entry);
      out.write(data);
      out.closeArchiveEntry();
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  @Test
  void engineErrorsAreReducedToTheirMessage() {
    ConflictException conflict =
        new ConflictException(
            "Status 409: {\"message\":\"Conflict. The container name \\\"/x\\\" is already in"
                + " use\"}\n");

    ProvisionException e = DockerFailures.wrap("creating container x", "unix:///s", conflict);

    assertThat(e.getMessage())
        .isEqualTo(
            "error: creating container x failed on Docker unix:///s\n"
                + "  found: Conflict. The container name \"/x\" is already in use\n"
                + "  hint: it conflicts with the current state (a name in use, or a container not"
                + " running); run plan to see it");
  }

  @Test
  void secretsAreMaskedInFailures() {
    ProvisionException e =
        DockerFailures.wrap(
            "creating container x",
            "unix:///s",
            new ConflictException("{\"message\":\"invalid env TOKEN=hunter2\"}"));

    ProvisionException clean = DockerFailures.redact(e, List.of("hunter2", ""));

    assertThat(clean.getMessage()).contains("TOKEN=(sensitive)").doesNotContain("hunter2");
    assertThat(clean.getCause()).isNull();
    assertThat(DockerFailures.redact(e, List.of("absent"))).isSameAs(e);
  }
}

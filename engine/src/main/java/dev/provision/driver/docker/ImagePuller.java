package dev.provision.driver.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import java.util.function.Consumer;

/**
 * Pulls one image, turning the engine's progress stream into lines ({@code ID: STATUS PROGRESS})
 * and any failure, streamed or not, into one diagnostic naming the image and the registry's answer.
 */
final class ImagePuller {
  private ImagePuller() {}

  /**
   * {@code [repository, tag]}; the tag is null for a digest reference, {@code latest} if absent.
   */
  static String[] split(String image) {
    if (image.contains("@")) {
      return new String[] {image, null};
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon > slash) {
      return new String[] {image.substring(0, colon), image.substring(colon + 1)};
    }
    return new String[] {image, "latest"};
  }

  static void pull(DockerClient client, String image, Consumer<String> progress, String endpoint) {
    String[] ref = split(image);
    StringBuilder streamedError = new StringBuilder();
    ResultCallback.Adapter<PullResponseItem> callback =
        new ResultCallback.Adapter<>() {
          // The engine still sends the plain "error" field that docker-java marks deprecated.
          @SuppressWarnings("deprecation")
          @Override
          public void onNext(PullResponseItem item) {
            if (item.isErrorIndicated()) {
              String message =
                  item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                      ? item.getErrorDetail().getMessage()
                      : item.getError();
              synchronized (streamedError) {
                streamedError.append(message);
              }
              return;
            }
            progress.accept(line(item));
          }
        };
    try {
      var cmd = client.pullImageCmd(ref[0]);
      if (ref[1] != null) {
        cmd.withTag(ref[1]);
      }
      cmd.exec(callback).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(image, "interrupted", endpoint, e);
    } catch (DockerException e) {
      throw failed(image, DockerFailures.answer(e), endpoint, e);
    } catch (RuntimeException e) {
      throw failed(image, DockerFailures.rootMessage(e), endpoint, e);
    }
    synchronized (streamedError) {
      if (streamedError.length() > 0) {
        throw failed(image, streamedError.toString(), endpoint, null);
      }
    }
  }

  // The engine's ready-made progress bar text, deprecated in docker-java but still sent.
  @SuppressWarnings("deprecation")
  private static String line(PullResponseItem item) {
    StringBuilder line = new StringBuilder();
    if (item.getId() != null) {
      line.append(item.getId()).append(": ");
    }
    line.append(item.getStatus() == null ? "" : item.getStatus());
    if (item.getProgress() != null) {
      line.append(' ').append(item.getProgress());
    }
    return line.toString();
  }

  private static ProvisionException failed(
      String image, String answer, String endpoint, Throwable cause) {
    Diagnostic d =
        Diagnostic.error(null, null, "pulling image " + image + " failed on Docker " + endpoint)
            .withFound(answer)
            .withHint(
                "check the image name and tag, that the registry is reachable from the Docker host,"
                    + " and docker login for a private registry; or load the image on the host"
                    + " (docker load) and run again");
    return cause == null ? new ProvisionException(d) : new ProvisionException(d, cause);
  }
}

package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Value;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns what docker-java throws into {@link ProvisionException}s that say what failed, what the
 * engine answered and what to do. The engine's answer is reduced to its {@code message} text; no
 * request body (which could hold env values) is ever quoted.
 */
final class DockerFailures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerFailures() {}

  /** Runs one call; any failure becomes a diagnostic naming {@code what} and {@code endpoint}. */
  static <T> T call(String what, String endpoint, Supplier<T> body) {
    try {
      return body.get();
    } catch (ProvisionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw wrap(what, endpoint, e);
    }
  }

  static void run(String what, String endpoint, Runnable body) {
    call(
        what,
        endpoint,
        () -> {
          body.run();
          return null;
        });
  }

  /** Runs one call for which "not found" means the wanted end state already holds. */
  static void ignoringMissing(String what, String endpoint, Runnable body) {
    run(
        what,
        endpoint,
        () -> {
          try {
            body.run();
          } catch (NotFoundException gone) {
            // already gone
          }
        });
  }

  /** A failure of {@code what}, with the engine's answer as "found" and a hint by status. */
  static ProvisionException wrap(String what, String endpoint, RuntimeException e) {
    Diagnostic d = Diagnostic.error(null, null, what + " failed on Docker " + endpoint);
    if (e instanceof DockerException de) {
      d = d.withFound(answer(de)).withHint(hint(de.getHttpStatus()));
    } else if (causedByIo(e)) {
      d =
          d.withFound("no answer: " + rootMessage(e))
              .withHint("check that the Docker engine is running (docker info) and reachable");
    } else {
      d = d.withFound(rootMessage(e)).withHint("see the engine's log (journalctl -u docker)");
    }
    return new ProvisionException(d, e);
  }

  /** A call answered with an error status, as {@link #wrap} says a docker-java failure. */
  static ProvisionException of(String what, String endpoint, DockerConnection.Answer answer) {
    return new ProvisionException(
        Diagnostic.error(null, null, what + " failed on Docker " + endpoint)
            .withFound(answer.message())
            .withHint(hint(answer.status())));
  }

  /**
   * The same failure with every occurrence of a secret value masked, for calls whose request held
   * secrets (the engine may quote a bad env entry back).
   */
  static ProvisionException redact(ProvisionException e, List<String> secrets) {
    List<Diagnostic> clean =
        e.diagnostics().stream()
            .map(
                d ->
                    new Diagnostic(
                        d.severity(),
                        d.position(),
                        d.path(),
                        mask(d.message(), secrets),
                        mask(d.expected(), secrets),
                        mask(d.found(), secrets),
                        mask(d.hint(), secrets)))
            .toList();
    return clean.equals(e.diagnostics()) ? e : new ProvisionException(clean);
  }

  private static String mask(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        out = out.replace(secret, Value.MASK);
      }
    }
    return out;
  }

  /** The {@code message} field of an engine error, or docker-java's own text. */
  static String answer(DockerException e) {
    String text = e.getMessage() == null ? "" : e.getMessage();
    int brace = text.indexOf('{');
    if (brace >= 0) {
      try {
        JsonNode node = JSON.readTree(text.substring(brace));
        if (node.hasNonNull("message")) {
          return node.get("message").asText();
        }
      } catch (IOException | RuntimeException ignored) {
        // not JSON: fall through to the raw text
      }
    }
    return text.strip();
  }

  private static String hint(int status) {
    return switch (status) {
      case 404 -> "it does not exist (any more); run plan again to see the current state";
      case 409 ->
          "it conflicts with the current state (a name in use, or a container not"
              + " running); run plan to see it";
      case 400 -> "the engine refused the request; check the spec values it names";
      case 401, 403 -> "the engine refused access; check the Docker user's permissions";
      default -> "see the engine's log (journalctl -u docker) for details";
    };
  }

  static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }
}

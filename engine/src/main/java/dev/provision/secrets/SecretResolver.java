package dev.provision.secrets;

import dev.provision.convex.AuthEnv;
import dev.provision.convex.BackendContainer;
import dev.provision.convex.InstanceSecret;
import dev.provision.convex.JwtKeys;
import dev.provision.desired.Names;
import dev.provision.desired.SecretValues;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Database;
import dev.provision.model.SecretKind;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.postgres.PostgresImage;
import dev.provision.postgres.PostgresUrls;
import dev.provision.postgres.UrlPassword;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides each secret's value, in this order: a reference in the spec, the live target (adopting an
 * existing deployment keeps its secret), the secrets file, else a new one (only when applying). The
 * live target is, for the instance secret, the backend's INSTANCE_SECRET, else the credentials file
 * in its volume (unless the user chose the secrets file with {@code --adopt-secret=file}); for the
 * managed Postgres password, the Postgres container's POSTGRES_PASSWORD, else the password in the
 * backend's POSTGRES_URL (for the spec's user); for the JWT key, the deployment env var. Never
 * rotates by itself: a spec reference that differs from the live secret shows in the plan as an
 * irreversible change that apply refuses without an explicit flag.
 */
public final class SecretResolver {

  /** The values and where each came from. */
  public record Resolved(SecretValues values, Map<SecretKind, SecretSource> sources) {
    /** The secrets generated now: nothing outside this apply knows them yet. */
    public java.util.Set<SecretKind> generated() {
      java.util.Set<SecretKind> out = java.util.EnumSet.noneOf(SecretKind.class);
      sources.forEach(
          (k, v) -> {
            if (v == SecretSource.GENERATED) {
              out.add(k);
            }
          });
      return out;
    }
  }

  /** What the resolver may read; each lookup returns empty when the source has nothing. */
  public record Sources(
      ObservedState live,
      Supplier<Optional<String>> credentialsFile,
      Map<String, String> secretsFile,
      Map<String, String> deploymentEnv,
      boolean generate,
      Generators generators,
      Optional<AdoptSecret> adopt) {

    /** Sources with no --adopt-secret choice. */
    public Sources(
        ObservedState live,
        Supplier<Optional<String>> credentialsFile,
        Map<String, String> secretsFile,
        Map<String, String> deploymentEnv,
        boolean generate,
        Generators generators) {
      this(
          live,
          credentialsFile,
          secretsFile,
          deploymentEnv,
          generate,
          generators,
          Optional.empty());
    }
  }

  /** Makes new secrets; the real ones use SecureRandom and RSA key generation. */
  public record Generators(
      Supplier<String> instanceSecret,
      Supplier<String> password,
      Supplier<String> jwtPrivateKey,
      Function<String, String> jwksOf) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fresh random secrets: what apply uses. */
    public static Generators random() {
      return new Generators(
          () -> InstanceSecret.generate().hex(),
          () -> {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
          },
          () -> JwtKeys.generate().jwtPrivateKey(),
          JwtKeys::jwksOf);
    }
  }

  private SecretResolver() {}

  public static Resolved resolve(Spec spec, Sources s) {
    Map<SecretKind, SecretSource> sources = new EnumMap<>(SecretKind.class);
    Optional<String> live =
        containerEnv(s.live(), Names.BACKEND, BackendContainer.INSTANCE_SECRET_ENV)
            .or(s.credentialsFile()); // read the volume only when the env holds none
    String file = s.secretsFile().get(SecretKind.INSTANCE_SECRET.fileKey());
    boolean fileChosen = s.adopt().equals(Optional.of(AdoptSecret.FILE)) && file != null;
    Optional<Value> instance =
        pick(
            sources,
            SecretKind.INSTANCE_SECRET,
            Optional.ofNullable(spec.secrets().instanceSecret()).map(Value::text),
            fileChosen ? Optional.empty() : live,
            file,
            s.generate(),
            s.generators().instanceSecret());

    Optional<Value> password = Optional.empty();
    if (spec.database() instanceof Database.ManagedPostgres m && m.password() == null) {
      password =
          pick(
              sources,
              SecretKind.POSTGRES_PASSWORD,
              Optional.empty(),
              first(
                  containerEnv(s.live(), Names.POSTGRES_CONTAINER, PostgresImage.PASSWORD_ENV),
                  containerEnv(s.live(), Names.BACKEND, PostgresUrls.POSTGRES_URL)
                      .flatMap(url -> UrlPassword.of(url, m.user()))),
              s.secretsFile().get(SecretKind.POSTGRES_PASSWORD.fileKey()),
              s.generate(),
              s.generators().password());
    }

    Optional<Value> jwt = Optional.empty();
    Optional<Value> jwks = Optional.empty();
    if (spec.auth() != null && spec.auth().enabled()) {
      jwt =
          pick(
              sources,
              SecretKind.JWT_PRIVATE_KEY,
              Optional.empty(),
              Optional.ofNullable(s.deploymentEnv().get(AuthEnv.JWT_PRIVATE_KEY)),
              s.secretsFile().get(SecretKind.JWT_PRIVATE_KEY.fileKey()),
              s.generate(),
              s.generators().jwtPrivateKey());
      jwks = jwt.map(v -> Value.secret(s.generators().jwksOf().apply(v.text())));
    }
    return new Resolved(new SecretValues(instance, password, jwt, jwks), sources);
  }

  private static Optional<Value> pick(
      Map<SecretKind, SecretSource> sources,
      SecretKind kind,
      Optional<String> spec,
      Optional<String> live,
      String file,
      boolean generate,
      Supplier<String> generator) {
    if (spec.isPresent()) {
      sources.put(kind, SecretSource.SPEC);
      return spec.map(Value::secret);
    }
    if (live.isPresent()) {
      sources.put(kind, SecretSource.LIVE);
      return live.map(Value::secret);
    }
    if (file != null) {
      sources.put(kind, SecretSource.FILE);
      return Optional.of(Value.secret(file));
    }
    if (generate) {
      sources.put(kind, SecretSource.GENERATED);
      return Optional.of(Value.secret(generator.get()));
    }
    sources.put(kind, SecretSource.UNKNOWN);
    return Optional.empty();
  }

  private static Optional<String> first(Optional<String> a, Optional<String> b) {
    return a.isPresent() ? a : b;
  }

  private static Optional<String> containerEnv(ObservedState live, Address address, String name) {
    ObservedResource r = live.resources().get(address);
    if (r != null && r.resource() instanceof ContainerResource c && c.env().containsKey(name)) {
      return Optional.of(c.env().get(name).text());
    }
    return Optional.empty();
  }
}

package dev.provision.engine;

import dev.provision.model.Sensitive;
import dev.provision.spec.ReferenceMode;
import dev.provision.spec.SpecReader;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How an engine reads specs, and every sensitive text read so far. One run of several specs reads
 * each spec once: it is read before anything runs (to refuse two specs naming one deployment), and
 * a deployment's own reads with the same arguments get that result, so what was checked is what
 * runs. A read that fails is not kept: it is read again, and fails in the deployment's own block.
 */
final class SpecReads {
  private final Map<String, String> environment;
  private final AtomicReference<Sensitive> seen;
  private final Map<String, SpecResult> kept; // null: every read reads

  SpecReads(Map<String, String> environment) {
    this(environment, new AtomicReference<>(Sensitive.NONE), null);
  }

  private SpecReads(
      Map<String, String> environment,
      AtomicReference<Sensitive> seen,
      Map<String, SpecResult> kept) {
    this.environment = environment;
    this.seen = seen;
    this.kept = kept;
  }

  /** Reads that keep each result, adding to the same sensitive texts as these. */
  SpecReads keeping() {
    return new SpecReads(environment, seen, new ConcurrentHashMap<>());
  }

  Sensitive seen() {
    return seen.get();
  }

  SpecResult read(Path spec, List<String> sets, ReferenceMode mode) {
    // a text key: a record's generated equals costs a bootstrap on its first call
    String key =
        kept == null
            ? null
            : mode
                + "\0"
                + spec.toAbsolutePath().normalize()
                + "\0"
                + (sets == null ? "" : String.join("\0", sets));
    SpecResult result = key == null ? null : kept.get(key);
    if (result != null) {
      return result;
    }
    result = new SpecReader(environment, mode).read(spec, sets);
    seen.accumulateAndGet(result.spec().sensitive(), Sensitive::plus);
    if (key != null) {
      kept.putIfAbsent(key, result);
    }
    return result;
  }
}

package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz of saved plans: plans written by {@code plan --out} from example specs (against
 * empty, then marked as made against a target so that {@code apply} reads them through) are mutated
 * thousands of times: JSON nodes deleted, duplicated and retyped, huge scalars, deep nesting,
 * escapes, a sentinel planted in a sensitive value, then raw bytes flipped. Each input goes through
 * {@code show} (text, JSON or Markdown) and {@code apply PLANFILE} in-process ({@link Main#run}).
 *
 * <p>Every run must exit 0 or 1 within 20 s (no hang: a connect timeout would take longer), never
 * print a stack trace or an exception's class name, never a raw control or escape character, and
 * never the sentinel. {@code apply} can never touch a target: the specs name a Docker socket that
 * does not exist (and so does {@code DOCKER_HOST}), so the furthest any input gets is "cannot reach
 * the Docker engine". Always exactly {@link #ROUNDS} inputs from one seed, whatever the machine's
 * load (a time budget made the count depend on it).
 */
class SavedPlanFuzzTest {
  private static final int ROUNDS = 150;
  private static final long MAX_RUN_MS = 20_000;
  private static final String SENTINEL = "Zq9planSentinelValue";
  private static final String NO_DOCKER = "unix:///nonexistent-provision-fuzz/docker.sock";
  private static final List<String> EXAMPLES =
      List.of(
          "quickstart.yaml", "postgres-managed.yaml", "postgres-external.yaml", "auth-github.yaml");

  /** A Java exception or error name, or a stack frame. */
  private static final Pattern TRACE =
      Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b|\\tat |\\bat [a-z]+\\.[a-z]+\\.");

  /**
   * A control character other than newline and tab, DEL, C1 controls, line/paragraph separators.
   */
  private static final Pattern RAW_CONTROL =
      Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f\\x80-\\x9f\\u2028\\u2029]");

  private static final Path LAST_INPUT = Path.of("target", "saved-plan-fuzz-input.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEEP = "@@deep@@";
  private static final Pattern DEEP_MARK = Pattern.compile("\"" + DEEP + "(\\d+)\"");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final String[] STRINGS = {
    "",
    "\u001b[2J\u001b]0;pwned\u0007",
    "line\u2028break\u0085nel",
    "\u0000nul",
    "../../../../etc/passwd",
    "/dev/zero",
    "create",
    "delete",
    "container.backend",
    "9.0",
    "2.0",
    "1",
    "critical",
    "${env:PGPASSWORD}",
    "\ud800",
  };

  @Test
  void mutatedSavedPlansEndInExit0Or1WithoutTraceEscapeOrSentinel(@TempDir Path dir)
      throws IOException {
    List<ObjectNode> bases = new ArrayList<>();
    Map<String, String> env = new HashMap<>(CliRunner.ENV);
    env.put("DOCKER_HOST", NO_DOCKER);
    for (String example : EXAMPLES) {
      Path spec = dir.resolve(example);
      Files.writeString(
          spec,
          Files.readString(Path.of("..", "specs", example))
              + "\ntarget:\n  docker:\n    host: "
              + NO_DOCKER
              + "\n");
      Path out = dir.resolve(example + ".plan.json");
      Run made = run(env, "plan", spec.toString(), "--against", "empty", "--out", out.toString());
      assertThat(made.code).as(made.all()).isZero();
      ObjectNode base = (ObjectNode) JSON.readTree(out.toFile());
      base.put("target", NO_DOCKER); // as if made against the target: apply reads it through
      bases.add(base);
    }
    long seed = Long.getLong("provision.fuzz.seed", 20261129L); // another seed explores more
    Random random = new Random(seed);
    Path file = dir.resolve("plan.json");
    long start = System.nanoTime();
    long slowest = 0;
    int round = 0;
    int[] codes = new int[2];
    long[] spent = new long[2];
    for (; round < ROUNDS; round++) {
      ObjectNode plan = bases.get(random.nextInt(bases.size())).deepCopy();
      boolean planted = false;
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        planted |= mutate(plan, random);
      }
      String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan);
      byte[] bytes = bytes(deepen(json), random);
      Files.write(file, bytes);
      Files.write(LAST_INPUT, bytes); // kept for a failure's reader
      String format = new String[] {"text", "json", "markdown"}[random.nextInt(3)];
      for (String[] args :
          List.of(
              new String[] {"show", file.toString(), "--format", format},
              new String[] {"apply", file.toString()})) {
        long t0 = System.nanoTime();
        Run r = run(env, args);
        long took = (System.nanoTime() - t0) / 1_000_000;
        slowest = Math.max(slowest, took);
        spent[args[0].equals("show") ? 0 : 1] += took;
        String what =
            String.format(
                "round %d, %s %s (input in %s), output:%n%s",
                round, args[0], format, LAST_INPUT, r.all());
        assertThat(r.code).as(what).isIn(0, 1);
        codes[r.code]++;
        assertThat(took).as(what).isLessThan(MAX_RUN_MS);
        assertThat(TRACE.matcher(r.all()).find()).as(what).isFalse();
        assertThat(RAW_CONTROL.matcher(r.all()).find()).as(what).isFalse();
        if (planted) {
          assertThat(r.all()).as(what).doesNotContain(SENTINEL);
        }
        assertThat(r.all()).as(what).doesNotContain("Applying:");
      }
    }
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("apply wrote nothing: no journal, no secrets file")
          .doesNotContain(".provision");
    }
    System.out.printf(
        "SavedPlanFuzzTest (seed "
            + seed
            + "): %d inputs, %d runs exit 0, %d exit 1, in %d ms (show %d ms, apply %d"
            + " ms); slowest run %d ms%n",
        round,
        codes[0],
        codes[1],
        (System.nanoTime() - start) / 1_000_000,
        spent[0],
        spent[1],
        slowest);
  }

  /** One mutation of a random node; true when it planted the sentinel in a sensitive value. */
  private static boolean mutate(ObjectNode plan, Random random) {
    switch (random.nextInt(9)) {
      case 0 -> {
        return plantInSensitive(plan, random);
      }
      case 1 -> {
        Slot s = pick(plan, random);
        if (s != null) {
          s.remove();
        }
      }
      case 2 -> {
        Slot s = pick(plan, random);
        if (s != null) {
          s.duplicate();
        }
      }
      case 3 -> {
        Slot s = pick(plan, random);
        if (s != null) {
          s.set(retyped(random));
        }
      }
      case 4 -> {
        Slot s = pick(plan, random);
        if (s != null) {
          s.set(NODES.textNode("x".repeat(random.nextInt(1_000_000))));
        }
      }
      case 5 -> {
        Slot s = pick(plan, random);
        if (s != null) {
          // written as text after serialising (Jackson's writer refuses past 1000 levels)
          int depth = random.nextBoolean() ? 50 + random.nextInt(200) : 5_000;
          s.set(NODES.textNode(DEEP + depth));
        }
      }
      case 6 -> {
        Slot s = pick(plan, random);
        if (s != null && s.get().isTextual()) {
          StringBuilder b = new StringBuilder(s.get().asText());
          b.insert(random.nextInt(b.length() + 1), STRINGS[random.nextInt(3)]);
          s.set(NODES.textNode(b.toString()));
        }
      }
      case 7 ->
          plan.set(
              "format_version",
              random.nextBoolean()
                  ? NODES.textNode(STRINGS[random.nextInt(STRINGS.length)])
                  : retyped(random));
      default -> {
        Slot s = pick(plan, random);
        if (s != null) {
          s.set(NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]));
        }
      }
    }
    return false;
  }

  /** Writes the sentinel where a sensitive attribute's value, before or after is (or is not). */
  private static boolean plantInSensitive(ObjectNode plan, Random random) {
    List<ObjectNode> sensitive = new ArrayList<>();
    collectSensitive(plan, sensitive);
    if (sensitive.isEmpty()) {
      return false;
    }
    ObjectNode attribute = sensitive.get(random.nextInt(sensitive.size()));
    String field = new String[] {"value", "before", "after"}[random.nextInt(3)];
    attribute.put(field, random.nextBoolean() ? SENTINEL : "\u001b[31m" + SENTINEL);
    return true;
  }

  private static void collectSensitive(JsonNode node, List<ObjectNode> out) {
    if (node instanceof ObjectNode o && o.path("sensitive").asBoolean(false)) {
      out.add(o);
    }
    for (JsonNode child : node) {
      collectSensitive(child, out);
    }
  }

  private static JsonNode retyped(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(new java.math.BigInteger("9".repeat(40)));
      case 4 -> NODES.numberNode(random.nextDouble() * 1e300);
      case 5 -> NODES.arrayNode().add(1).add("x");
      case 6 -> NODES.objectNode().put("a", 1);
      case 7 -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
      default -> NODES.numberNode(-1);
    };
  }

  /** A place in the tree: a field of an object or an element of an array. */
  private record Slot(JsonNode parent, String field, int index) {
    JsonNode get() {
      return field != null ? parent.get(field) : parent.get(index);
    }

    void set(JsonNode value) {
      if (field != null) {
        ((ObjectNode) parent).set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (field != null) {
        ((ObjectNode) parent).remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }

    void duplicate() {
      if (field != null) {
        ((ObjectNode) parent).set(field + "_copy", get().deepCopy());
      } else {
        ((ArrayNode) parent).insert(index, get().deepCopy());
      }
    }
  }

  /** A random slot, chosen uniformly among all slots of the tree; null for an empty tree. */
  private static Slot pick(JsonNode root, Random random) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    return slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
  }

  private static void collect(JsonNode node, List<Slot> out) {
    if (node.isObject()) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        out.add(new Slot(node, name, -1));
        collect(node.get(name), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new Slot(node, null, i));
        collect(node.get(i), out);
      }
    }
  }

  /** Each deep-nesting mark replaced by that many nested arrays and objects. */
  private static String deepen(String json) {
    return DEEP_MARK
        .matcher(json)
        .replaceAll(
            m -> {
              int depth = Integer.parseInt(m.group(1));
              StringBuilder b = new StringBuilder();
              for (int d = 0; d < depth; d++) {
                b.append(d % 2 == 0 ? "[" : "{\"k\": ");
              }
              b.append("\"bottom\"");
              for (int d = depth - 1; d >= 0; d--) {
                b.append(d % 2 == 0 ? "]" : "}");
              }
              return java.util.regex.Matcher.quoteReplacement(b.toString());
            });
  }

  /** Mostly the text as UTF-8; sometimes with raw bytes flipped, cut, or a byte order mark. */
  private static byte[] bytes(String text, Random random) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    switch (random.nextInt(12)) {
      case 0 -> {
        for (int i = 0; i < 1 + random.nextInt(4) && bytes.length > 0; i++) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
      case 2 -> {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] out = new byte[bytes.length + 3];
        System.arraycopy(bom, 0, out, 0, 3);
        System.arraycopy(bytes, 0, out, 3, bytes.length);
        bytes = out;
      }
      default -> {}
    }
    return bytes;
  }

  private record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, false);
    return new Run(code, out.toString(), err.toString());
  }
}

package dev.provision.engine;

import java.nio.file.Path;

/** What a spec is planned against: nothing, an older version of the spec, or the live target. */
public sealed interface Against permits Against.Empty, Against.OtherSpec, Against.Live {
  /** A label for plans and messages. */
  String label();

  /** Nothing exists yet. */
  record Empty() implements Against {
    public String label() {
      return "empty";
    }
  }

  /** An older spec, as if it had been applied perfectly (reviewing a pull request offline). */
  record OtherSpec(Path file) implements Against {
    public String label() {
      return file.toString();
    }
  }

  /** The target the spec names, read through its driver. */
  record Live() implements Against {
    public String label() {
      return "live";
    }
  }

  /** Parses the CLI's {@code --against} value: {@code empty}, {@code live}, or a spec file. */
  static Against parse(String text) {
    if (text == null || text.equals("live")) {
      return new Live();
    }
    return text.equals("empty") ? new Empty() : new OtherSpec(Path.of(text));
  }
}

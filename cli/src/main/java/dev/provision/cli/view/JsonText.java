package dev.provision.cli.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.diag.Quote;

/**
 * Turns a JSON tree into the exact text the JSON view promises: two-space indent, {@code "key":
 * value}, one array element per line, {@code []} for an empty array, {@code \n} line ends on every
 * platform and a final newline. Characters JSON may leave raw but a terminal or a pull-request
 * comment would act on or hide (C1 controls, U+2028, bidirectional overrides: see {@link
 * Quote#unsafe}) are written as {@code \\uXXXX} escapes, as control characters always are.
 */
final class JsonText {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final CharacterEscapes VISIBLE = new VisibleEscapes();

  private JsonText() {}

  static String write(JsonNode root) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withArrayEmptySeparator("")
            .withObjectEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators);
    printer.indentArraysWith(indenter);
    printer.indentObjectsWith(indenter);
    try {
      return MAPPER.writer(printer).with(VISIBLE).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree built in memory could not be written", e);
    }
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }

  /** JSON's standard escapes, plus {@code \\uXXXX} for every other unsafe character. */
  private static final class VisibleEscapes extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    VisibleEscapes() {
      ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return Quote.unsafe(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }
}

package dev.provision.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.plan.Consequence;
import dev.provision.plan.Risk;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a change's consequences from any plan file this provision wrote: {@code consequences} as
 * objects ({@code risk}, {@code what}, {@code hint}: formats 1.1 and 2.1), as strings (2.0), or
 * format 1.0's single {@code consequence} string. A consequence written as text alone takes the
 * change's risk. A consequence riskier than its change is a problem (the file was edited).
 */
final class ConsequencesJson {
  private ConsequencesJson() {}

  /**
   * The change's consequences; {@code risk} is the change's (null when it could not be read, a
   * problem already recorded).
   */
  static List<Consequence> read(JsonNode change, String path, Risk risk, int major, JsonFields f) {
    List<Consequence> out = new ArrayList<>();
    if (major == 1 && !change.has("consequences")) { // format 1.0
      String text = f.optionalText(change, "consequence", path);
      if (text != null) {
        out.add(Consequence.of(risk == null ? Risk.SAFE : risk, text));
      }
      return out;
    }
    List<JsonNode> items = f.array(change, "consequences", path);
    for (int i = 0; i < items.size(); i++) {
      String at = path + ".consequences[" + i + "]";
      JsonNode item = items.get(i);
      if (item.isTextual() && major == 2) { // format 2.0
        out.add(Consequence.of(risk == null ? Risk.SAFE : risk, item.asText()));
      } else if (item.isObject()) {
        Consequence c = object(item, at, f);
        if (c != null && risk != null && c.risk().ordinal() > risk.ordinal()) {
          f.problem(
              at + ".risk", "no higher than the change's risk, " + risk.word(), c.risk().word());
        } else if (c != null) {
          out.add(c);
        }
      } else {
        f.problem(at, "an object with risk, what and hint", "another JSON value");
      }
    }
    return out;
  }

  private static Consequence object(JsonNode item, String at, JsonFields f) {
    Risk risk = f.word(item, "risk", at, Risk.class);
    String what = f.text(item, "what", at);
    String hint = f.optionalText(item, "hint", at);
    return risk == null || what == null ? null : new Consequence(risk, what, hint);
  }
}

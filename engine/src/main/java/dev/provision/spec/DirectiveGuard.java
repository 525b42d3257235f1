package dev.provision.spec;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/**
 * A parser that refuses {@code %TAG} directives: they let a file rename tags, so a spec could not
 * be read by the tag rules alone. Everything else passes through unchanged.
 */
final class DirectiveGuard implements Parser {
  private final Parser parser;

  DirectiveGuard(Parser parser) {
    this.parser = parser;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return parser.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public Event getEvent() {
    Event event = parser.getEvent();
    if (event instanceof DocumentStartEvent start
        && start.getTags() != null
        && !start.getTags().isEmpty()) {
      throw new Refused(start.getStartMark());
    }
    return event;
  }

  /** A {@code %TAG} directive was found before the document at this place. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Mark mark;

    Refused(Mark mark) {
      super(null, null, false, false);
      this.mark = mark;
    }

    Mark mark() {
      return mark;
    }
  }
}

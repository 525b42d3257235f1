package dev.provision.exec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the journal.
 *
 * @param time ISO-8601 instant
 * @param step the step or commit hook id, or null for events of the apply as a whole
 * @param event one of the {@code Journal.*} event names, e.g. {@code step-started}
 * @param detail a description or a reason, or null
 * @param error what went wrong, with known secrets masked, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(
    String time, String deployment, String step, String event, String detail, String error) {}

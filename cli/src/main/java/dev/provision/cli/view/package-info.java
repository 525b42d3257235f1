/**
 * The three views of a {@link dev.provision.plan.Plan}: human text for a terminal, versioned JSON
 * for machines (with a reader, so a saved plan can be shown again) and Markdown for a pull-request
 * comment. Views are pure: they turn a plan into strings and never print, read a terminal or touch
 * a target. None of them ever shows a sensitive value.
 */
package dev.provision.cli.view;

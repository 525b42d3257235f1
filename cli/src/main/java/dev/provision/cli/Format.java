package dev.provision.cli;

/** Output formats of a plan: one plan, three views. */
enum Format {
  text,
  json,
  markdown
}

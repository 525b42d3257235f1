package dev.provision.spec;

/**
 * Whether a spec reader must resolve every {@code ${env:}} and {@code ${file:}} reference.
 *
 * <p>{@link #RESOLVE} (live commands, and offline commands given {@code --require-references}): an
 * unset variable or a missing file is an error naming the reference. {@link #OFFLINE} ({@code
 * validate} and {@code plan --against empty|OLD_SPEC}): an unset reference in a sensitive field
 * that nothing has to parse to plan (see {@link OfflineFields}) becomes an unresolved value, shown
 * as {@code (sensitive, from env NAME)}; anywhere else it stays an error.
 */
public enum ReferenceMode {
  RESOLVE,
  OFFLINE
}

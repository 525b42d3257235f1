package dev.provision.secrets;

/** Where a resolved secret came from; shown in plans and status so adoption is never silent. */
public enum SecretSource {
  /** A reference in the spec. */
  SPEC,
  /** The running deployment (container env or credentials file in the volume). */
  LIVE,
  /** The local secrets file. */
  FILE,
  /** Generated now; stored by the apply. */
  GENERATED,
  /** Not known without a target ("known after apply"). */
  UNKNOWN
}

package dev.provision.live;

/**
 * Who made an observed object. Labels say what provision made; an object without them that the spec
 * names is adopted (its data used as it is), and a container without them that writes the same data
 * is another writer to take out.
 */
public enum Ownership {
  /** Made by provision for this deployment (its labels say so). */
  OWNED,
  /** Made outside provision, named by the spec, and already in use by this deployment. */
  ADOPTED,
  /** Made outside provision: a volume not yet adopted, or another writer of the data. */
  FOREIGN
}

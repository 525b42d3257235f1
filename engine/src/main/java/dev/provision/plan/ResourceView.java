package dev.provision.plan;

import dev.provision.model.Resource;
import dev.provision.model.Sensitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A resource as a saved plan writes it for "before" and "after": its kind and every attribute, a
 * sensitive one with no value (never the value, nor any hash of it). Made from the typed resource
 * of a change; read back as is, since a plan file never held enough to rebuild the resource.
 *
 * @param kind the address kind, such as {@code container}
 */
public record ResourceView(String kind, List<Attribute> attributes) {
  public ResourceView {
    attributes = List.copyOf(attributes);
  }

  /**
   * One attribute.
   *
   * @param value null when sensitive
   */
  public record Attribute(String path, String value, boolean sensitive) {}

  /** The view of {@code resource}, sensitive values left out. */
  public static ResourceView of(Resource resource) {
    return of(resource, Sensitive.NONE);
  }

  /**
   * The view of {@code resource}, sensitive values left out: those the resource marks and those
   * holding a sensitive text of the spec (a resource keeps some attributes, such as its image, as
   * plain strings that a reference may have filled).
   */
  public static ResourceView of(Resource resource, Sensitive sensitive) {
    List<Attribute> out = new ArrayList<>();
    resource
        .attributes()
        .forEach(
            (path, value) -> {
              var v = sensitive.mark(value);
              out.add(new Attribute(path, v.sensitive() ? null : v.text(), v.sensitive()));
            });
    return new ResourceView(resource.address().kind().label(), out);
  }

  /**
   * A change's two sides; empty where the change has none (create, delete) or did not record it.
   */
  public record Sides(Optional<ResourceView> before, Optional<ResourceView> after) {
    public static final Sides NONE = new Sides(Optional.empty(), Optional.empty());

    public static Sides of(Change change) {
      return of(change, Sensitive.NONE);
    }

    /** A change's two sides, with the spec's sensitive texts masked. */
    public static Sides of(Change change, Sensitive sensitive) {
      return new Sides(
          change.before().map(r -> ResourceView.of(r, sensitive)),
          change.after().map(r -> ResourceView.of(r, sensitive)));
    }
  }
}

package dev.provision.convex;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * What an admin key says once decrypted: the protobuf message {@code convex_keys.AdminKey}. It is
 * the plaintext of a key, not the key; it holds no secret and may be shown.
 *
 * <p>Wire layout (field number, wire type): 1 instance name (string, omitted by current backends,
 * present in some legacy keys), 2 {@code issued_s} (varint, never 0), then one identity: 3 {@code
 * member_id} (varint, written even when 0) or 4 {@code system} (empty message), then 5 {@code
 * is_read_only} (varint, written only when true).
 *
 * @param issuedAt when the key was issued, whole seconds
 * @param principal a member's key or the system key
 * @param memberId the member id (0 for self-hosted keys; 0 for system keys)
 * @param readOnly whether the key may only read
 * @param instanceName the name carried inside the payload (legacy keys), or null
 */
public record AdminKeyPayload(
    Instant issuedAt, Principal principal, long memberId, boolean readOnly, String instanceName) {

  /** Who a key speaks for. */
  public enum Principal {
    MEMBER,
    SYSTEM
  }

  public AdminKeyPayload {
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(principal, "principal");
  }

  /** A self-hosted member key (member id 0), as the backend's own key generator makes it. */
  public static AdminKeyPayload member(Instant issuedAt, boolean readOnly) {
    return new AdminKeyPayload(issuedAt, Principal.MEMBER, 0, readOnly, null);
  }

  /** A system key. */
  public static AdminKeyPayload system(Instant issuedAt, boolean readOnly) {
    return new AdminKeyPayload(issuedAt, Principal.SYSTEM, 0, readOnly, null);
  }

  /** The protobuf bytes, fields in number order as the backend writes them. */
  public byte[] encode() {
    if (issuedAt.getEpochSecond() <= 0) {
      throw new IllegalArgumentException("issued_s must be a positive number of seconds");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (instanceName != null) {
      byte[] name = instanceName.getBytes(StandardCharsets.UTF_8);
      out.write(0x0a);
      writeVarint(out, name.length);
      out.writeBytes(name);
    }
    out.write(0x10);
    writeVarint(out, issuedAt.getEpochSecond());
    if (principal == Principal.MEMBER) {
      out.write(0x18);
      writeVarint(out, memberId);
    } else {
      out.write(0x22);
      out.write(0x00);
    }
    if (readOnly) {
      out.write(0x28);
      out.write(0x01);
    }
    return out.toByteArray();
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    long rest = value;
    while ((rest & ~0x7fL) != 0) {
      out.write((int) ((rest & 0x7f) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
  }

  /**
   * Reads the protobuf bytes of a decrypted key.
   *
   * @throws IllegalArgumentException when the bytes are not an AdminKey message, lack an issue time
   *     or an identity
   */
  public static AdminKeyPayload decode(byte[] bytes) {
    return new AdminKeyPayloadReader(bytes).read();
  }
}

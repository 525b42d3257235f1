package dev.provision.convex;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads the few protobuf wire types an AdminKey message uses (varint and length-delimited) and
 * skips unknown fields of those types. One reader per message; not a general protobuf decoder.
 */
final class AdminKeyPayloadReader {
  private final byte[] bytes;
  private int at;

  AdminKeyPayloadReader(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  AdminKeyPayload read() {
    long issued = 0;
    AdminKeyPayload.Principal principal = null;
    long memberId = 0;
    boolean readOnly = false;
    String name = null;
    while (at < bytes.length) {
      long tag = varint();
      int field = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (wireType == 0) {
        long value = varint();
        switch (field) {
          case 2 -> issued = value;
          case 3 -> {
            principal = AdminKeyPayload.Principal.MEMBER;
            memberId = value;
          }
          case 5 -> readOnly = value != 0;
          default -> {}
        }
      } else if (wireType == 2) {
        byte[] value = lengthDelimited();
        if (field == 1) {
          name = new String(value, StandardCharsets.UTF_8);
        } else if (field == 4) {
          principal = AdminKeyPayload.Principal.SYSTEM;
          memberId = 0;
        }
      } else {
        throw new IllegalArgumentException("unexpected protobuf wire type " + wireType);
      }
    }
    if (issued == 0) {
      throw new IllegalArgumentException("the key has no issue time (issued_s)");
    }
    if (issued < 0 || issued > Instant.MAX.getEpochSecond()) {
      throw new IllegalArgumentException("the key's issue time is out of range");
    }
    if (principal == null) {
      throw new IllegalArgumentException("the key names neither a member nor the system");
    }
    return new AdminKeyPayload(Instant.ofEpochSecond(issued), principal, memberId, readOnly, name);
  }

  private long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= bytes.length) {
        throw new IllegalArgumentException("truncated protobuf varint");
      }
      int b = bytes[at++] & 0xff;
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("protobuf varint longer than 10 bytes");
  }

  private byte[] lengthDelimited() {
    long length = varint();
    if (length < 0 || length > bytes.length - at) {
      throw new IllegalArgumentException("truncated protobuf field");
    }
    byte[] value = new byte[(int) length];
    System.arraycopy(bytes, at, value, 0, value.length);
    at += value.length;
    return value;
  }
}

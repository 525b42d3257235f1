package dev.provision.driver.ssh;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A client for the ssh-agent protocol (draft-miller-ssh-agent) over the agent's UNIX-domain socket
 * ({@code SSH_AUTH_SOCK}): lists the agent's keys and asks it to sign. Only the two requests an SSH
 * login needs; the private keys never leave the agent. One socket connection per request, so one
 * instance may be used from several threads. Not for adding or removing keys.
 */
final class SshAgent {
  static final int REQUEST_IDENTITIES = 11;
  static final int IDENTITIES_ANSWER = 12;
  static final int SIGN_REQUEST = 13;
  static final int SIGN_RESPONSE = 14;
  static final int FAILURE = 5;

  /** Sign flags for an {@code ssh-rsa} key: SHA-256 or SHA-512 signatures. */
  static final int RSA_SHA2_256 = 2;

  static final int RSA_SHA2_512 = 4;
  private static final int MAX_MESSAGE = 256 * 1024;

  /** One key the agent holds: its public key blob (SSH wire format), type and comment. */
  record Identity(byte[] blob, String type, String comment) {}

  private final Path socket;

  SshAgent(Path socket) {
    this.socket = socket;
  }

  Path socket() {
    return socket;
  }

  /** The agent's keys, in the agent's order. */
  List<Identity> identities() throws IOException {
    DataInputStream in =
        new DataInputStream(
            new java.io.ByteArrayInputStream(
                call(new byte[] {REQUEST_IDENTITIES}, IDENTITIES_ANSWER)));
    int count = in.readInt();
    List<Identity> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] blob = readString(in);
      String comment = new String(readString(in), StandardCharsets.UTF_8);
      String type =
          new String(
              readString(new DataInputStream(new java.io.ByteArrayInputStream(blob))),
              StandardCharsets.UTF_8);
      out.add(new Identity(blob, type, comment));
    }
    return out;
  }

  /** The agent's signature blob (string algorithm, string signature) over {@code data}. */
  byte[] sign(byte[] keyBlob, byte[] data, int flags) throws IOException {
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    req.write(SIGN_REQUEST);
    writeString(req, keyBlob);
    writeString(req, data);
    writeInt(req, flags);
    byte[] answer = call(req.toByteArray(), SIGN_RESPONSE);
    return readString(new DataInputStream(new java.io.ByteArrayInputStream(answer)));
  }

  /** Sends one message, returns the answer's body after its type byte. */
  private byte[] call(byte[] message, int expected) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.allocate(4 + message.length).putInt(message.length).put(message);
      out.flip();
      while (out.hasRemaining()) {
        channel.write(out);
      }
      DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
      int length = in.readInt();
      if (length < 1 || length > MAX_MESSAGE) {
        throw new IOException("the ssh-agent sent a message of " + length + " bytes");
      }
      byte[] body = new byte[length];
      in.readFully(body);
      if (body[0] != expected) {
        throw new IOException(
            body[0] == FAILURE
                ? "the ssh-agent refused the request"
                : "the ssh-agent answered with message type " + body[0]);
      }
      byte[] rest = new byte[length - 1];
      System.arraycopy(body, 1, rest, 0, rest.length);
      return rest;
    }
  }

  static byte[] readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_MESSAGE) {
      throw new IOException("the ssh-agent sent a field of " + length + " bytes");
    }
    byte[] out = new byte[length];
    in.readFully(out);
    return out;
  }

  static void writeString(ByteArrayOutputStream out, byte[] value) {
    writeInt(out, value.length);
    out.writeBytes(value);
  }

  static void writeInt(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }
}

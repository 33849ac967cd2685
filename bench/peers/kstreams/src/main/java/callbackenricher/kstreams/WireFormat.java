package callbackenricher.kstreams;

import java.nio.ByteBuffer;

/** The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, the Avro body. */
final class WireFormat {
  static final int HEADER_BYTES = 5;
  private static final byte MAGIC = 0;

  private WireFormat() {}

  /** Why `value` is not wire format (the worker's MAGIC_BYTE messages), or null when it is. */
  static String headerProblem(byte[] value) {
    if (value == null) return "value is null (a tombstone), not Confluent wire format";
    if (value.length < HEADER_BYTES) {
      return "value has " + value.length + " bytes, fewer than the " + HEADER_BYTES + "-byte wire header";
    }
    if (value[0] != MAGIC) return "magic byte is " + (value[0] & 0xff) + ", expected " + MAGIC;
    return null;
  }

  static int schemaId(byte[] value) {
    return ByteBuffer.wrap(value, 1, 4).getInt();
  }

  static byte[] frame(int schemaId, byte[] body) {
    return ByteBuffer.allocate(HEADER_BYTES + body.length).put(MAGIC).putInt(schemaId).put(body).array();
  }
}

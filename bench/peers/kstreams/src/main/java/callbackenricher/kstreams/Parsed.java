package callbackenricher.kstreams;

import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * One input record after the decode step: a mapped callback ready to enrich, or a rejection for
 * the DLQ (a bad record is a value, never an exception). Lives only inside the topology: no
 * repartition follows, so it never needs a serde.
 */
record Parsed(
    GenericRecord callback,
    Map<String, String> unknownEnumValues,
    Enricher.Source source,
    GenericRecord campaign,
    Rejection rejection,
    /** The input value as consumed, for the DLQ (set on rejections only). */
    byte[] original) {

  /** CONTRACT §4's reasons; schemaId is null when the wire header did not parse. */
  record Rejection(String reason, String message, Integer schemaId) {}

  static Parsed mapped(GenericRecord callback, Map<String, String> unknownEnumValues, Enricher.Source source) {
    return new Parsed(callback, unknownEnumValues, source, null, null, null);
  }

  static Parsed rejected(byte[] original, String reason, String message, Integer schemaId) {
    return new Parsed(null, null, null, null, new Rejection(reason, message, schemaId), original);
  }

  boolean isRejected() {
    return rejection != null;
  }

  /** The join key into the campaign table; null (no campaign) for most callbacks. */
  String campaignId() {
    if (callback == null) return null;
    GenericRecord preview = (GenericRecord) callback.get("dialerPreview");
    Object id = preview == null ? null : preview.get("campaignId");
    return id == null ? null : id.toString();
  }

  Parsed withCampaign(GenericRecord row) {
    return new Parsed(callback, unknownEnumValues, source, row, rejection, original);
  }
}

package callbackenricher.kstreams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** CONTRACT §3: a mapped callback plus its context → the EnrichedConversationCallback record. */
final class Enricher {
  /** Where the input record came from; eventTime is its Kafka timestamp. */
  record Source(String topic, int partition, long offset, long timestamp, int schemaId) {}

  /** avsc reads longs beyond ±2^52 back wrong, so the worker keeps spans within that; so do we. */
  private static final long MAX_SPAN = 1L << 52;

  private final Schema enrichedSchema;
  private final Schema derivedSchema;
  private final Schema campaignSchema;
  private final Schema sourceSchema;
  private final PhoneNumbers phones;

  Enricher(Schema enrichedSchema, String defaultPhoneRegion) {
    this.enrichedSchema = enrichedSchema;
    this.derivedSchema = enrichedSchema.getField("derived").schema();
    this.campaignSchema = CallbackMapper.nonNull(enrichedSchema.getField("campaign").schema());
    this.sourceSchema = CallbackMapper.nonNull(enrichedSchema.getField("source").schema());
    this.phones = new PhoneNumbers(defaultPhoneRegion);
  }

  GenericRecord enrich(GenericRecord callback, Map<String, String> unknownEnumValues, GenericRecord campaignRow, Source source) {
    String state = stringOf(callback.get("state"));
    Long connectedTime = (Long) callback.get("connectedTime");
    boolean held = Boolean.TRUE.equals(callback.get("held"));
    GenericRecord campaign = campaignRow == null ? null : copyCampaign(campaignRow);
    Long scheduled = (Long) callback.get("callbackScheduledTime");
    PhoneNumbers.Normalized numbers = phones.normalize((java.util.List<?>) callback.get("callbackNumbers"));

    GenericRecord derived = new GenericData.Record(derivedSchema);
    derived.put("outcome", new GenericData.EnumSymbol(derivedSchema.getField("outcome").schema(),
        Outcome.derive(state, stringOf(callback.get("disconnectType")), held, connectedTime != null)));
    derived.put("isTerminal", Outcome.isTerminal(state));
    derived.put("connectedDurationMs", connectedDuration(connectedTime, (Long) callback.get("disconnectedTime")));
    derived.put("holdDurationMs", holdDuration(held, (Long) callback.get("startHoldTime"), source.timestamp()));
    derived.put("scheduledInMs", scheduled == null ? null : span(scheduled - source.timestamp()));
    derived.put("callbackNumbersE164", numbers.e164());
    derived.put("invalidCallbackNumbers", numbers.invalid());
    GenericRecord voicemail = (GenericRecord) callback.get("voicemail");
    derived.put("hasVoicemail", voicemail != null && voicemail.get("id") != null);
    derived.put("isDialerPreview", callback.get("dialerPreview") != null);
    derived.put("scheduledLocalTime", campaign == null || scheduled == null
        ? null : LocalTime.format(scheduled, campaign.get("timeZone").toString()));

    GenericRecord out = new GenericData.Record(enrichedSchema);
    out.put("eventId", eventId(source.topic(), source.partition(), source.offset()));
    out.put("callback", callback);
    out.put("unknownEnumValues", unknownEnumValues);
    out.put("derived", derived);
    out.put("campaign", campaign);
    out.put("source", sourceRecord(source));
    out.put("processedAt", System.currentTimeMillis());
    return out;
  }

  /** Lowercase hex SHA-256 of topic/partition/offset: the worker's id for the same input. */
  static String eventId(String topic, int partition, long offset) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((topic + "/" + partition + "/" + offset).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Long connectedDuration(Long connectedTime, Long disconnectedTime) {
    if (connectedTime == null || disconnectedTime == null) return null;
    long ms = disconnectedTime - connectedTime;
    return ms >= 0 ? span(ms) : null;
  }

  private static Long holdDuration(boolean held, Long startHoldTime, long eventTime) {
    if (!held || startHoldTime == null) return null;
    long ms = eventTime - startHoldTime;
    return ms >= 0 ? span(ms) : null;
  }

  private static Long span(long ms) {
    return Math.abs(ms) <= MAX_SPAN ? ms : null;
  }

  private static String stringOf(Object value) {
    return value == null ? null : value.toString();
  }

  /** The table's row in the output's CampaignReference type, field by field (by name). */
  private GenericRecord copyCampaign(GenericRecord row) {
    GenericRecord campaign = new GenericData.Record(campaignSchema);
    for (Schema.Field field : campaignSchema.getFields()) {
      Object value = row.getSchema().getField(field.name()) == null ? null : row.get(field.name());
      campaign.put(field.pos(), value instanceof CharSequence text ? text.toString() : value);
    }
    return campaign;
  }

  private GenericRecord sourceRecord(Source source) {
    GenericRecord record = new GenericData.Record(sourceSchema);
    record.put("topic", source.topic());
    record.put("partition", source.partition());
    record.put("offset", source.offset());
    record.put("timestamp", source.timestamp());
    record.put("schemaId", source.schemaId());
    return record;
  }
}

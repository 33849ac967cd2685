package callbackenricher.kstreams;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams peer of the bench: configured from the same environment variables as the
 * worker (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, INPUT_TOPIC, OUTPUT_TOPIC, DLQ_TOPIC, CAMPAIGN_TOPIC,
 * GROUP_ID, PROCESSING_GUARANTEE, DEFAULT_PHONE_REGION, INSTANCE_ID) plus the producer's
 * BATCH_SIZE and LINGER_MS and the COMMIT_INTERVAL_MS the bench compares.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Schema enriched = loadEnrichedSchema();
    RegistryClient registry = new RegistryClient(env("SCHEMA_REGISTRY_URL", null));
    EnricherTopology.Topics topics = new EnricherTopology.Topics(env("INPUT_TOPIC", "callbacks.raw"),
        env("OUTPUT_TOPIC", "callbacks.enriched"), env("DLQ_TOPIC", "callbacks.dlq"), env("CAMPAIGN_TOPIC", "callbacks.campaigns"));
    int outputSchemaId = registry.register(topics.output() + "-value", enriched);
    String instanceId = env("INSTANCE_ID", "kstreams-peer");

    KafkaStreams streams = new KafkaStreams(EnricherTopology.build(topics, registry, enriched, outputSchemaId,
        env("DEFAULT_PHONE_REGION", "US"), instanceId), config());
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      System.out.println("kstreams peer state " + before + " -> " + now);
      if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) stopped.countDown();
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(java.time.Duration.ofSeconds(20));
      stopped.countDown();
    }));
    streams.start();
    stopped.await();
  }

  private static Properties config() throws IOException {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, env("GROUP_ID", "callback-enricher-kstreams"));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, env("KAFKA_BROKERS", null));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        env("PROCESSING_GUARANTEE", "at_least_once").equals("exactly_once") ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    // The worker commits after every batch; Streams' at-least-once default (30 s) would hide the
    // end of a drain behind one late commit.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.parseInt(env("COMMIT_INTERVAL_MS", "100")));
    props.put(StreamsConfig.STATE_DIR_CONFIG, env("STATE_DIR", Files.createTempDirectory("kstreams-peer").toString()));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), true);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.parseInt(env("BATCH_SIZE", "16384")));
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Integer.parseInt(env("LINGER_MS", "5")));
    return props;
  }

  /** avro/*.avsc from the jar (copied from the repository's avro/ at build time). */
  private static Schema loadEnrichedSchema() throws IOException {
    Schema.Parser parser = new Schema.Parser();
    parser.parse(resource("ConversationNotificationCallback.avsc"));
    parser.parse(resource("CampaignReference.avsc"));
    return parser.parse(resource("EnrichedConversationCallback.avsc"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Main.class.getResourceAsStream("/avro/" + name)) {
      if (in == null) throw new IOException("avro/" + name + " is not in the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    if (value != null && !value.isEmpty()) return value;
    if (fallback == null) throw new IllegalArgumentException(name + " is required");
    return fallback;
  }
}

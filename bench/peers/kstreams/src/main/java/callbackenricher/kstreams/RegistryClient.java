package callbackenricher.kstreams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The two calls of the registry's Confluent-compatible API the app needs: a writer schema by id
 * (cached per id: one request per new id) and registering the output schema. Confluent's own
 * serializers are not on Maven Central, and these two calls are all a serde needs.
 */
final class RegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Optional.empty() = the registry answered not-found: that id will never resolve. */
  private final Map<Integer, Optional<Schema>> byId = new ConcurrentHashMap<>();

  RegistryClient(String baseUrl) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  /** The writer schema of an id, or empty when the registry does not know it (UNKNOWN_SCHEMA). */
  Optional<Schema> schemaById(int id) {
    return byId.computeIfAbsent(id, this::fetchUntilAnswered);
  }

  /** Registers `schema` under `subject` and returns its id. */
  int register(String subject, Schema schema) throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/subjects/" + subject + "/versions"))
        .header("Content-Type", CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("registering " + subject + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body()).get("id").asInt();
  }

  // An outage is never a reason to dead-letter a valid record (CONTRACT §4): wait and retry.
  private Optional<Schema> fetchUntilAnswered(int id) {
    while (true) {
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/schemas/ids/" + id)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) return Optional.empty();
        if (response.statusCode() == 200) {
          JsonNode node = JSON.readTree(response.body());
          return Optional.of(new Schema.Parser().parse(node.get("schema").asText()));
        }
        System.err.println("registry answered HTTP " + response.statusCode() + " for schema " + id + "; retrying");
      } catch (IOException e) {
        System.err.println("registry unreachable (" + e.getMessage() + "); retrying");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while fetching schema " + id, e);
      }
      sleepQuietly(1_000);
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

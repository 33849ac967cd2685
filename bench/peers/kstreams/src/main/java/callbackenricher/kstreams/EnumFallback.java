package callbackenricher.kstreams;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * The Genesys SDK's rule (XEnum.fromString), kept exactly (CONTRACT §1): a symbol equal under
 * String.equalsIgnoreCase becomes that symbol, anything else the first symbol, OutdatedSdkVersion.
 * The raw value of a fallback is recorded under its field path.
 */
final class EnumFallback {
  private EnumFallback() {}

  static GenericData.EnumSymbol resolve(Schema enumType, String raw, String path, Map<String, String> unknown) {
    for (String symbol : enumType.getEnumSymbols()) {
      if (symbol.equals(raw)) return new GenericData.EnumSymbol(enumType, symbol);
    }
    for (String symbol : enumType.getEnumSymbols()) {
      if (symbol.equalsIgnoreCase(raw)) return new GenericData.EnumSymbol(enumType, symbol);
    }
    unknown.put(path, raw);
    return new GenericData.EnumSymbol(enumType, enumType.getEnumSymbols().get(0));
  }
}

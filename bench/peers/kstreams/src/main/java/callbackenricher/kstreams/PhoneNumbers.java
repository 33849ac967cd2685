package callbackenricher.kstreams;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * callbackNumbers → valid numbers in E.164 (duplicates removed, order kept) and the invalid ones
 * as given, with Google's libphonenumber. Memoised per raw string as the worker does (its cache
 * holds 50,000 numbers): a callback's numbers come back with each of its state changes.
 */
final class PhoneNumbers {
  record Normalized(List<String> e164, List<String> invalid) {}

  private static final int CACHE_CAPACITY = 50_000;
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private final String region;
  private final Map<String, Optional<String>> cache = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
      return size() > CACHE_CAPACITY;
    }
  };

  PhoneNumbers(String region) {
    this.region = region;
  }

  Normalized normalize(List<?> numbers) {
    List<String> e164 = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    if (numbers == null) return new Normalized(e164, invalid);
    for (Object item : numbers) {
      String raw = item.toString();
      Optional<String> normalized = cache.computeIfAbsent(raw, this::toE164);
      if (normalized.isEmpty()) invalid.add(raw);
      else if (!e164.contains(normalized.get())) e164.add(normalized.get());
    }
    return new Normalized(e164, invalid);
  }

  private Optional<String> toE164(String raw) {
    try {
      PhoneNumber number = UTIL.parse(raw, region);
      return UTIL.isValidNumber(number) ? Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)) : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}

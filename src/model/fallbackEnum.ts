// The Genesys SDK's enum rule (Java `XEnum.fromString`): null stays null; a value equal to a
// symbol under `String.equalsIgnoreCase` becomes that symbol; anything else becomes the first
// symbol, `OutdatedSdkVersion`. Beyond the SDK, the raw value of a fallback is handed back so
// that it can be kept in `unknownEnumValues`.
export interface EnumFallback<T extends string> {
  value: T;
  /** Set only when the raw value matched no symbol and fell back to OutdatedSdkVersion. */
  raw?: string;
}

/** A fallback for one enum, with its lookup table built once (the hot path runs per field). */
export type EnumResolver<T extends string> = (raw: string) => EnumFallback<T>;

// Java compares char by char: equal, or equal after toUpperCase, or after toLowerCase of that.
// That is one fold, lower(upper(c)), with Java's *simple* (one char → one char) case mappings.
// JS's toUpperCase/toLowerCase use the full mappings, which differ for a few characters:
// dotless ı and long ſ fold to ASCII i and s in Java, as does İ (U+0130, simple lowercase i).
const SIMPLE_LOWER_EXCEPTIONS: ReadonlyMap<string, string> = new Map([['\u0130', 'i']]);
const NON_ASCII = /[^\x00-\x7f]/;

function foldChar(c: string): string {
  const upper = c.toUpperCase();
  const simpleUpper = upper.length === 1 ? upper : c;
  const lower = SIMPLE_LOWER_EXCEPTIONS.get(simpleUpper) ?? simpleUpper.toLowerCase();
  return lower.length === 1 ? lower : simpleUpper;
}

/** Case fold matching Java's `equalsIgnoreCase`: fold(a) === fold(b) iff a.equalsIgnoreCase(b). */
export function foldCase(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  let folded = '';
  for (let i = 0; i < s.length; i++) folded += foldChar(s.charAt(i));
  return folded;
}

export function createEnumResolver<T extends string>(values: readonly T[]): EnumResolver<T> {
  const bySymbol = new Map<string, T>();
  for (const value of values) bySymbol.set(value, value);
  const byFolded = new Map<string, T>();
  for (const value of values) byFolded.set(foldCase(value), value);
  // Like the SDK, fall back to the first symbol: every table in enums.ts starts with
  // OutdatedSdkVersion (test/unit/model/fallbackEnum.test.ts holds them to that).
  const outdated = values[0] as T;
  return (raw) => {
    // Canonical symbols are by far the common case: one Map hit, no string allocated.
    const exact = bySymbol.get(raw);
    if (exact !== undefined) return { value: exact };
    const folded = byFolded.get(foldCase(raw));
    return folded !== undefined ? { value: folded } : { value: outdated, raw };
  };
}

const RESOLVERS = new WeakMap<readonly string[], EnumResolver<string>>();

/**
 * The fallback for `raw` in the enum `values`: undefined for absent or null, else a member of
 * `values` (with `raw` set when it fell back). Resolvers are cached per values table.
 */
export function fallbackEnum<T extends string>(
  values: readonly T[],
  raw: string | null | undefined,
): EnumFallback<T> | undefined {
  if (raw === null || raw === undefined) return undefined;
  let resolve = RESOLVERS.get(values);
  if (resolve === undefined) {
    resolve = createEnumResolver(values);
    RESOLVERS.set(values, resolve);
  }
  return (resolve as EnumResolver<T>)(raw);
}

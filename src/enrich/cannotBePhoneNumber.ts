// Strings that libphonenumber-js can only answer with a ParseError: no number in them at all, or
// a '+' followed by a calling code that no country has (`+999…`, which the generator's "invalid"
// numbers use and real typos produce). parsePhoneNumberFromString catches that error itself, but
// building it (a stack trace each time) made invalid numbers the costliest ones to parse. These
// are decided here without calling the library; the answer is the same (a unit test checks).
import metadata from 'libphonenumber-js/metadata.max.json';

// Countries' codes and the non-geographic ones (+800 freephone, +882 networks, ...).
const CALLING_CODES: ReadonlySet<string> = new Set([...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic ?? {})]);
/** Calling codes have 1 to 3 digits. */
const MAX_CALLING_CODE_DIGITS = 3;
/** No valid number anywhere has fewer digits (country code included); 3 is well below that. */
const MIN_DIGITS = 3;
// An international number in plain ASCII: '+', then digits and the usual separators only.
const PLAIN_INTERNATIONAL = /^\s*\+[\d\s().-]*$/;
const DIGIT = /\p{Nd}/gu;

const isAsciiDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** Decimal digits in any script (the library reads them all); a char loop for ASCII text. */
function countDigits(raw: string): number {
  let count = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code >= 0x80) return raw.match(DIGIT)?.length ?? 0;
    if (isAsciiDigit(code)) count++;
  }
  return count;
}

export function cannotBePhoneNumber(raw: string): boolean {
  if (countDigits(raw) < MIN_DIGITS) return true;
  if (!PLAIN_INTERNATIONAL.test(raw)) return false;
  let prefix = '';
  for (let i = 0; i < raw.length && prefix.length < MAX_CALLING_CODE_DIGITS; i++) {
    if (isAsciiDigit(raw.charCodeAt(i))) prefix += raw[i];
  }
  for (let length = 1; length <= MAX_CALLING_CODE_DIGITS; length++) {
    if (CALLING_CODES.has(prefix.slice(0, length))) return false;
  }
  return true;
}

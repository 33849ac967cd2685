// Avro strings are UTF-8 (the specification says so, and strict readers such as fastavro reject
// anything else), while avsc decodes them leniently, replacing bad bytes with U+FFFD. So the
// worker checks the bytes itself, per string, in the walk that bounds the body before decoding.
// Node's isUtf8 would need a subarray (a new Buffer object) per string; callback strings are
// short and mostly ASCII, so this loop, which allocates nothing, is cheaper. A test holds its
// answers equal to isUtf8's on random bytes.

/** Whether bytes [start, end) of `buf` are well-formed UTF-8 (RFC 3629: no overlongs, no surrogates). */
export function isUtf8Range(buf: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const lead = buf[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    if (lead < 0xc2 || lead > 0xf4) return false; // a continuation byte, an overlong lead, or past U+10FFFF
    const size = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    if (i + size > end) return false;
    const second = buf[i + 1]!;
    // The second byte's range depends on the lead: it is what rules out overlongs (E0, F0),
    // surrogates (ED) and code points above U+10FFFF (F4).
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return false;
    for (let k = 2; k < size; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return false;
    i += size;
  }
  return true;
}

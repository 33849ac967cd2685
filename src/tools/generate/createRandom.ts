// A seeded PRNG (sfc32) with the few draws the generator needs. Pure: the same seed always
// yields the same sequence, on every Node version, which Math.random() cannot promise.

export interface Random {
  /** Uniform in [0, 1). */
  float(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a key of a weight table; weights need not sum to 1. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** An RFC 4122 version-4 UUID, lower case, as Genesys ids look. */
  uuid(): string;
}

/** FNV-1a over the seed's characters: any string (or number) becomes four 32-bit words. */
function hashSeed(seed: string): [number, number, number, number] {
  const words: number[] = [];
  for (let salt = 0; salt < 4; salt += 1) {
    let h = (0x811c9dc5 ^ salt) >>> 0;
    for (let i = 0; i < seed.length; i += 1) {
      h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    }
    words.push(h);
  }
  return words as [number, number, number, number];
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Two hex digits of one byte of a 32-bit word. */
const hexByte = (word: number, shift: number): string => HEX_BYTES[(word >>> shift) & 0xff] as string;
const hexWord = (word: number): string => hexByte(word, 24) + hexByte(word, 16) + hexByte(word, 8) + hexByte(word, 0);

interface CumulativeTable {
  entries: Array<[string, number]>;
  total: number;
}

// Weight tables are module constants: summing them once, not per draw, keeps generation fast.
const cumulativeTables = new WeakMap<object, CumulativeTable>();

function cumulativeTable(weights: Readonly<Record<string, number>>): CumulativeTable {
  let table = cumulativeTables.get(weights);
  if (!table) {
    let total = 0;
    const entries = Object.entries(weights).map(([key, weight]): [string, number] => [key, (total += weight)]);
    table = { entries, total };
    cumulativeTables.set(weights, table);
  }
  return table;
}

export function createRandom(seed: string | number): Random {
  let [a, b, c, d] = hashSeed(String(seed));
  const next = (): number => {
    // sfc32: small, fast, passes PractRand; 32-bit integer ops only.
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Warm up so that similar seeds diverge before the first draw is used.
  for (let i = 0; i < 12; i += 1) next();

  const float = (): number => next() / 0x1_0000_0000;
  const int = (min: number, max: number): number => min + Math.floor(float() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[int(0, items.length - 1)] as T;
  };

  return {
    float,
    int,
    chance: (probability) => float() < probability,
    pick,
    weighted(weights) {
      const table = cumulativeTable(weights);
      const roll = float() * table.total;
      for (const [key, upTo] of table.entries) if (roll < upTo) return key as keyof typeof weights;
      return table.entries[table.entries.length - 1]?.[0] as keyof typeof weights;
    },
    uuid() {
      // Four draws, bytes through a lookup table: string-building per hex digit made ids the
      // generator's largest cost.
      const w0 = next();
      const w1 = (next() & 0xffff0fff) | 0x4000; // version 4
      const w2 = (next() & 0x3fffffff) | 0x80000000; // variant 10xx
      const w3 = next();
      const [x0, x1, x2, x3] = [hexWord(w0), hexWord(w1), hexWord(w2), hexWord(w3)];
      return `${x0}-${x1.slice(0, 4)}-${x1.slice(4)}-${x2.slice(0, 4)}-${x2.slice(4)}${x3}`;
    },
  };
}

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
  const hex = (n: number): string => next().toString(16).padStart(8, '0').slice(0, n);

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
      const variant = (8 + int(0, 3)).toString(16);
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(8)}${hex(4)}`;
    },
  };
}

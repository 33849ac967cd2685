// A machine reference: figures from a busy shared machine, or from another one, scale by it.

/** ns per iteration of a bare integer loop (`sum += i & 7`) on this thread. */
export function integerLoopNs(): number {
  const iterations = 50_000_000;
  const started = process.hrtime.bigint();
  let sum = 0;
  for (let i = 0; i < iterations; i += 1) sum += i & 7;
  const ns = Number(process.hrtime.bigint() - started) / iterations;
  // Using the sum keeps the loop from being optimised away.
  if (sum < 0) throw new Error('unreachable');
  return ns;
}

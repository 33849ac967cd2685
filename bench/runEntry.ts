// Child process of bench/run.ts: runs one entry and sends its outcome back over IPC.
// Usage (by the runner only): node --import tsx --expose-gc bench/runEntry.ts <entry file> [--quick]
import { pathToFileURL } from 'node:url';
import type { BenchEntry, BenchOutcome } from './benchEntry.js';

async function main(): Promise<void> {
  const [file, ...flags] = process.argv.slice(2);
  if (file === undefined || process.send === undefined) {
    throw new Error('runEntry is started by bench/run.ts with an entry file and an IPC channel');
  }
  const module = (await import(pathToFileURL(file).href)) as { entry?: BenchEntry };
  if (module.entry === undefined) throw new Error(`${file} does not export \`entry\``);
  const outcome: BenchOutcome = await module.entry.run({ quick: flags.includes('--quick') });
  // Wait for the message to be flushed before exiting, or a large report could be cut off.
  await new Promise<void>((resolve, reject) => {
    process.send?.({ title: module.entry?.title, outcome }, undefined, undefined, (error) => (error ? reject(error) : resolve()));
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

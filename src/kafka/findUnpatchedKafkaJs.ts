// KafkaJS 2.2.4 is unmaintained, and the project carries fixes to it in patches/ (applied by
// patch-package when `npm ci` runs scripts). An install that skipped them (`--ignore-scripts`,
// or the package installed as a dependency, where its postinstall cannot reach a hoisted
// kafkajs) runs the unfixed library, whose producer can lose acknowledged records on a leader
// crash. That must not pass in silence: the client names the missing fixes at start-up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface KafkaJsFix {
  /** The file of kafkajs the fix changes, as `require.resolve` finds it. */
  file: string;
  /** Text only the patched file holds. */
  marker: string;
  /** What goes wrong without it, for the log line. */
  without: string;
}

export const KAFKAJS_FIXES: readonly KafkaJsFix[] = [
  {
    file: 'kafkajs/src/producer/sendMessages.js',
    marker: 'callback-enricher patch (tulios/kafkajs#1303)',
    without: 'a send that a leader move interrupts can resolve without writing some partitions (acknowledged records lost)',
  },
];

/** The fixes missing from the installed kafkajs (an empty list when it is patched). */
export function findUnpatchedKafkaJs(fixes: readonly KafkaJsFix[] = KAFKAJS_FIXES, readText = readInstalledFile): KafkaJsFix[] {
  return fixes.filter((fix) => {
    const text = readText(fix.file);
    return text === undefined || !text.includes(fix.marker);
  });
}

function readInstalledFile(specifier: string): string | undefined {
  try {
    return readFileSync(createRequire(import.meta.url).resolve(specifier), 'utf8');
  } catch {
    return undefined;
  }
}

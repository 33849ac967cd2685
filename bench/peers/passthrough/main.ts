// A raw passthrough on one Kafka client: the ceiling of any worker on that client (issue 12).
// Usage: node --import tsx bench/peers/passthrough/main.ts <client>, configured by KAFKA_BROKERS,
// INPUT_TOPIC, OUTPUT_TOPIC, GROUP_ID and PROCESSING_GUARANTEE. Another client is one more file
// exporting `startPassthrough` and one more line here.
import { readPassthroughConfig, type StartPassthrough } from './passthroughConfig.js';

const CLIENTS: Record<string, () => Promise<{ startPassthrough: StartPassthrough }>> = {
  kafkajs: () => import('./kafkajs.js'),
  platformatic: () => import('./platformatic.js'),
};

const name = process.argv[2] ?? '';
const load = CLIENTS[name];
if (load === undefined) {
  console.error(`usage: passthrough <${Object.keys(CLIENTS).join('|')}>`);
  process.exit(2);
}
const passthrough = await (await load()).startPassthrough(readPassthroughConfig(process.env));
console.log(`passthrough ${name} consuming`);
const stop = (): void => {
  passthrough.stop().then(() => process.exit(0), () => process.exit(1));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

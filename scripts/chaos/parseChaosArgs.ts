// `npm run chaos -- [--quick] [--scenario NAME]... [--client kafkajs|platformatic] [--keep-stack] [--seed S]`. Pure.
import { SCENARIO_NAMES, type ScenarioName } from './scenarios.js';

export interface ChaosOptions {
  quick: boolean;
  parallel: boolean;
  scenarios: ScenarioName[];
  client: 'kafkajs' | 'platformatic';
  keepStack: boolean;
  seed: string;
  help: boolean;
}

export const CHAOS_USAGE = `usage: npm run chaos -- [options]

  --quick              a short run of every scenario (CI: a few minutes with the stack start)
  --parallel           run the scenarios that fault only their own workers side by side (faster;
                       needs spare cores: on a starved machine it turns delays into stalls)
  --scenario <name>    only this scenario (repeatable): ${SCENARIO_NAMES.join(', ')}
  --client <name>      kafkajs (default) | platformatic: the workers' KAFKA_CLIENT
  --keep-stack         leave the private stack running at the end (reused by the next run)
  --seed <s>           seed of the timetables, records and fuzz cases (default: the date)

environment: STACK_DIR (default .local/chaos-stack): the private 3-broker stack and Python venv`;

export function parseChaosArgs(argv: readonly string[], defaultSeed: string): ChaosOptions | string {
  const options: ChaosOptions = { quick: false, parallel: false, scenarios: [], client: 'kafkajs', keepStack: false, seed: defaultSeed, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = (): string | undefined => argv[++i];
    switch (arg) {
      case '--quick': options.quick = true; break;
      case '--parallel': options.parallel = true; break;
      case '--keep-stack': options.keepStack = true; break;
      case '-h': case '--help': options.help = true; break;
      case '--seed': {
        const seed = value();
        if (!seed) return '--seed needs a value';
        options.seed = seed;
        break;
      }
      case '--scenario': {
        const name = value();
        if (!SCENARIO_NAMES.includes(name as ScenarioName)) return `--scenario must be one of ${SCENARIO_NAMES.join(', ')} (got ${name ?? 'nothing'})`;
        options.scenarios.push(name as ScenarioName);
        break;
      }
      case '--client': {
        const client = value();
        if (client !== 'kafkajs' && client !== 'platformatic') return `--client must be kafkajs or platformatic (got ${client ?? 'nothing'})`;
        options.client = client;
        break;
      }
      default:
        return `unknown option ${arg}`;
    }
  }
  if (options.scenarios.length === 0) options.scenarios = [...SCENARIO_NAMES];
  return options;
}

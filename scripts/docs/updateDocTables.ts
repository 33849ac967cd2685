// Prints the README's Configuration table from ENV_VARIABLES: `npx tsx scripts/envTable.ts`.
import { formatEnvMarkdown } from '../src/config/formatEnvTable.js';

process.stdout.write(formatEnvMarkdown());

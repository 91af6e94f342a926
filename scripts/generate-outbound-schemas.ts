// Writes the JSON Schema of every published event type to docs/events/outbound/ (npm run docs:outbound).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLIC_EVENT_CONTRACT, outboundJsonSchema } from '../packages/application/src/outbound/index';

const dir = join(__dirname, '../docs/events/outbound');
mkdirSync(dir, { recursive: true });
for (const file of readdirSync(dir)) if (file.endsWith('.json')) rmSync(join(dir, file));
for (const entry of PUBLIC_EVENT_CONTRACT) {
  writeFileSync(join(dir, `${entry.type}.json`), `${JSON.stringify(outboundJsonSchema(entry), null, 2)}\n`);
}
console.log(`Wrote ${PUBLIC_EVENT_CONTRACT.length} schemas to docs/events/outbound/.`);

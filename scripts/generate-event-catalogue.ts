// Writes docs/events.md from the domain's event types and catalogue (`npm run docs:events`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderEventCatalogue } from './event-catalogue/render-event-catalogue';

const target = path.resolve(__dirname, '../docs/events.md');
fs.writeFileSync(target, renderEventCatalogue());
console.log(`wrote ${path.relative(process.cwd(), target)}`);

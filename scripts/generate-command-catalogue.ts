// Writes docs/commands.md from the command catalogue and permissions (`npm run docs:commands`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderCommandCatalogue } from './command-catalogue/render-command-catalogue';

const target = path.resolve(__dirname, '../docs/commands.md');
fs.writeFileSync(target, renderCommandCatalogue());
console.log(`wrote ${path.relative(process.cwd(), target)}`);

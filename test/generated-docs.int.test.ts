import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderCommandCatalogue } from '../scripts/command-catalogue/render-command-catalogue';
import { renderEventCatalogue } from '../scripts/event-catalogue/render-event-catalogue';

describe('generated documentation', () => {
  it('docs/events.md is what `npm run docs:events` generates from the code', () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../docs/events.md'), 'utf8');
    // When this fails, run `npm run docs:events` and commit the result.
    expect(committed).toBe(renderEventCatalogue());
  }, 30_000);

  it('docs/commands.md is what `npm run docs:commands` generates from the code', () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../docs/commands.md'), 'utf8');
    // When this fails, run `npm run docs:commands` and commit the result.
    expect(committed).toBe(renderCommandCatalogue());
  });
});

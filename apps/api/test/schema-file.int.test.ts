import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printApiSchema } from '../src';

describe('schema/schema.graphql', () => {
  it('is what the code emits (run `npm run schema:emit` after changing the schema)', () => {
    const checkedIn = readFileSync(resolve(__dirname, '../../../schema/schema.graphql'), 'utf8');
    expect(checkedIn).toBe(printApiSchema());
  });
});

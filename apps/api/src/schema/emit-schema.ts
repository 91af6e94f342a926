// Writes schema/schema.graphql from the code: `npm run schema:emit -w apps/api`.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printApiSchema } from './print-schema';

const target = resolve(__dirname, '../../../../schema/schema.graphql');
writeFileSync(target, printApiSchema());
process.stdout.write(`Wrote ${target}\n`);

import { existsSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/** A personal value to look for, and whose it is. */
export interface PersonalValue {
  readonly owner: string;
  readonly field: string;
  readonly value: string;
}

/** A named body of bytes the product persisted or emitted. */
export interface ScanSource {
  readonly name: string;
  readonly bytes: Buffer;
}

/** One place a personal value was found, in one of its forms. */
export interface ScanHit {
  readonly owner: string;
  readonly field: string;
  readonly form: string;
  readonly source: string;
  readonly offset: number;
}

/** Every form a text may take in stored bytes: UTF-8, JSON-escaped, and base64 at each byte alignment. */
export function encodedForms(value: string): { form: string; bytes: Buffer }[] {
  const utf8 = Buffer.from(value, 'utf8');
  const forms = new Map<string, Buffer>([
    ['utf-8', utf8],
    ['json', Buffer.from(JSON.stringify(value).slice(1, -1), 'utf8')],
    [
      'json-ascii',
      Buffer.from(
        asciiJson(value, (h) => h),
        'utf8',
      ),
    ],
    [
      'json-ascii-upper',
      Buffer.from(
        asciiJson(value, (h) => h.toUpperCase()),
        'utf8',
      ),
    ],
  ]);
  // Inside a longer base64 text the value starts at any of three byte offsets; keep only the
  // characters that depend on the value's bytes alone.
  for (let pad = 0; pad < 3; pad += 1) {
    const bytes = Buffer.concat([Buffer.alloc(pad), utf8]);
    const text = bytes.toString('base64');
    const start = [0, 2, 3][pad]!;
    const end = 4 * Math.floor(bytes.length / 3);
    forms.set(`base64+${pad}`, Buffer.from(text.slice(start, end), 'ascii'));
    forms.set(
      `base64url+${pad}`,
      Buffer.from(text.slice(start, end).replace(/\+/g, '-').replace(/\//g, '_'), 'ascii'),
    );
  }
  // Forms equal to another (e.g. JSON of plain ASCII) are searched once.
  const seen = new Set<string>();
  return [...forms]
    .filter(
      ([, bytes]) => bytes.length >= 4 && !seen.has(bytes.toString('hex')) && seen.add(bytes.toString('hex')),
    )
    .map(([form, bytes]) => ({ form, bytes }));
}

function asciiJson(value: string, hex: (h: string) => string): string {
  return JSON.stringify(value)
    .slice(1, -1)
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${hex(c.charCodeAt(0).toString(16).padStart(4, '0'))}`);
}

/** Every occurrence of every form of every value in every source. */
export function scanFor(sources: readonly ScanSource[], values: readonly PersonalValue[]): ScanHit[] {
  const hits: ScanHit[] = [];
  for (const value of values) {
    for (const { form, bytes } of encodedForms(value.value)) {
      for (const source of sources) {
        const offset = source.bytes.indexOf(bytes);
        if (offset >= 0)
          hits.push({ owner: value.owner, field: value.field, form, source: source.name, offset });
      }
    }
  }
  return hits;
}

/** The hits, one line each, for a failure message. */
export function describeHits(hits: readonly ScanHit[]): string {
  return hits.map((h) => `${h.owner}.${h.field} as ${h.form} in ${h.source} at byte ${h.offset}`).join('\n');
}

/** The bytes of a SQLite database: the file, its -wal and its -shm (each as far as it exists). */
export function sqliteFiles(filename: string): ScanSource[] {
  return ['', '-wal', '-shm']
    .map((suffix) => `${filename}${suffix}`)
    .filter((path) => existsSync(path))
    .map((path) => ({ name: path, bytes: readFileSync(path) }));
}

/** Every table of a PostgreSQL schema, as `COPY … TO STDOUT` writes it. */
export async function postgresTables(connectionString: string, schema: string): Promise<ScanSource[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name
         FROM information_schema.tables
        WHERE table_schema = $1 AND table_type = 'BASE TABLE'
        ORDER BY table_name`,
      [schema],
    );
    const sources: ScanSource[] = [];
    for (const { name } of tables.rows) {
      const chunks: Buffer[] = [];
      await pipeline(
        client.query(copyTo(`COPY ${name} TO STDOUT`)),
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            chunks.push(chunk);
            done();
          },
        }),
      );
      sources.push({ name, bytes: Buffer.concat(chunks) });
    }
    return sources;
  } finally {
    await client.end();
  }
}

/** A destination for a logger that keeps every byte written, to scan the log output. */
export class CapturedLog extends Writable {
  private readonly chunks: Buffer[] = [];

  constructor(readonly name = 'log output') {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    done();
  }

  /** What was logged so far. */
  source(): ScanSource {
    return { name: this.name, bytes: Buffer.concat(this.chunks) };
  }
}

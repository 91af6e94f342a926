import type { SignedDigest } from '@vouch/event-store';
import type { AuditFormat } from './audit-formats';
import { AUDIT_COLUMNS, type AuditRecord } from './audit-record';

/** What a writer knows about the export as a whole (the HTML report shows it). */
export interface ExportHeader {
  readonly tenantId: string;
  readonly from?: string;
  readonly to?: string;
  readonly subject?: string;
  readonly generatedAt: string;
  readonly digest?: SignedDigest;
  readonly publicKey?: string;
}

/** Turns records into text, one chunk at a time: a header, each record, a footer. */
export interface AuditWriter {
  header(header: ExportHeader): string;
  record(record: AuditRecord): string;
  footer(count: number): string;
}

export { AUDIT_FORMATS, type AuditFormat } from './audit-formats';

/** One JSON object per line (JSON Lines), the fields of AuditRecord. */
export const jsonlWriter: AuditWriter = {
  header: () => '',
  record: (record) => `${JSON.stringify(record)}\n`,
  footer: () => '',
};

/** RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they need it. */
export const csvWriter: AuditWriter = {
  header: () => `${AUDIT_COLUMNS.join(',')}\r\n`,
  record: (record) => `${AUDIT_COLUMNS.map((column) => csvField(String(record[column]))).join(',')}\r\n`,
  footer: () => '',
};

function csvField(value: string): string {
  // A leading = + - @ would be run as a formula by spreadsheets: prefixed with a quote.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1b1f24}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;word-break:break-all}
pre{background:#f4f6f8;padding:.75rem;overflow:auto;max-height:16rem;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #d0d7de;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f4f6f8;position:sticky;top:0}tr.erased td{background:#fff8e1}.tag{font-size:11px;background:#ffe08a;padding:0 .3rem;border-radius:3px}
ol li{margin:.25rem 0}code{background:#f4f6f8;padding:0 .2rem}`;

/**
 * One self-contained HTML file (no scripts, no network): the export's scope, the signed
 * digest it can be checked against and how, then the trail as a table.
 */
export const htmlWriter: AuditWriter = {
  header(h) {
    const scope = [
      `tenant <strong>${escapeHtml(h.tenantId)}</strong>`,
      h.from ? `recorded from ${escapeHtml(h.from)}` : '',
      h.to ? `before ${escapeHtml(h.to)}` : '',
      h.subject ? `subject ${escapeHtml(h.subject)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const digest = h.digest
      ? `<dl id="signed-digest">
<dt>Sequence</dt><dd>#${h.digest.statement.sequence}</dd>
<dt>Signed at</dt><dd>${escapeHtml(h.digest.statement.issuedAt)} (${escapeHtml(h.digest.statement.reason)})</dd>
<dt>Covers</dt><dd>${h.digest.statement.streams} streams up to log position ${Number(h.digest.statement.checkpoint)}</dd>
<dt>Merkle root</dt><dd><code>${escapeHtml(h.digest.statement.merkleRoot)}</code></dd>
<dt>Previous digest</dt><dd><code>${escapeHtml(h.digest.statement.previousDigestHash)}</code></dd>
<dt>Key id</dt><dd><code>${escapeHtml(h.digest.statement.keyId)}</code></dd>
<dt>Signature</dt><dd><code>${escapeHtml(h.digest.signature)}</code></dd>
</dl>
${h.publicKey ? `<h3>Public key</h3><pre id="public-key">${escapeHtml(h.publicKey)}</pre>` : '<p>The public key is not in this report: ask for <code>vouch digest public-key</code>.</p>'}
<h3>The signed digest (JSON)</h3><pre id="digest-json">${escapeHtml(JSON.stringify(h.digest))}</pre>`
      : '<p id="signed-digest">No signed digest was found for this tenant: this trail cannot be checked against one.</p>';
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Vouch audit trail: ${escapeHtml(h.tenantId)}</title><style>${STYLE}</style></head>
<body>
<h1>Audit trail</h1>
<p>${scope}. Generated ${escapeHtml(h.generatedAt)}. Sentences name ids, kinds, dates and amounts only: no personal data is in this report, and the events of erased subjects are marked <span class="tag">erased</span>.</p>
<h2>Signed digest</h2>
${digest}
<h2>How to verify</h2>
<ol>
<li>Keep this file (or <code>vouch digest export</code>) outside the system: it holds the digest signed by the product's key, which never lives in the database.</li>
<li>Save the JSON above as <code>kept.json</code> and the public key as <code>vouch.pub</code>, or use the export file directly.</li>
<li>Against a copy of the store, offline: <code>vouch verify --file copy-of-vouch.db --tenant ${escapeHtml(h.tenantId)} --digest kept.json --public-key vouch.pub</code> (PostgreSQL: <code>--store postgres --database-url …</code>).</li>
<li>Exit code 0 means every hash chain recomputes and every signed stream head is still in the store; 1 names the first stream and event that no longer match.</li>
</ol>
<h2>Events</h2>
<table id="trail"><thead><tr><th>Position</th><th>Recorded</th><th>Effective</th><th>Actor</th><th>What happened</th><th>Consent relied on</th><th>Event id</th></tr></thead>
<tbody>
`;
  },
  record(r) {
    const erased = r.personalData === 'erased' || r.erasedSubjects !== '';
    return `<tr${erased ? ' class="erased"' : ''}><td>${r.position}</td><td>${escapeHtml(r.recordedAt)}</td><td>${escapeHtml(r.effectiveAt)}</td><td>${escapeHtml(r.actor)}<br><small>${escapeHtml(r.actorRoles)}</small></td><td>${escapeHtml(r.sentence)}${erased ? ` <span class="tag">erased${r.erasedSubjects ? `: ${escapeHtml(r.erasedSubjects)}` : ''}</span>` : ''}</td><td>${escapeHtml(r.consentsReliedOn)}</td><td><code>${escapeHtml(r.eventId)}</code></td></tr>\n`;
  },
  footer(count) {
    return `</tbody></table>
<p id="count">${count.toLocaleString('en-US')} events.</p>
</body></html>
`;
  },
};

/** The writer of a format. */
export function writerFor(format: AuditFormat): AuditWriter {
  return format === 'jsonl' ? jsonlWriter : format === 'csv' ? csvWriter : htmlWriter;
}

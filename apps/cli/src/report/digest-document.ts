import type { ExecutiveDigest } from '@vouch/projections';
import { assessmentChart, usesChart, winRateChart } from './digest-charts';

/** What the document says about itself. */
export interface DigestMeta {
  readonly tenantId: string;
  readonly generatedAt: string;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pct = (r: number | undefined) => (r === undefined ? '—' : `${Math.round(r * 1000) / 10} %`);
const money = (m: Readonly<Record<string, number>>) =>
  Object.keys(m).length === 0
    ? '—'
    : Object.entries(m)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, amount]) => `${amount.toLocaleString('en-US')} ${currency}`)
        .join(', ');
const rate = (r: ExecutiveDigest['winRateWithReferences']) =>
  `${pct(r.rate)} (${r.numerator} of ${r.denominator})`;

/** The headline numbers, as label → value, in the order a sponsor reads them. */
function headlines(d: ExecutiveDigest): [string, string][] {
  return [
    ['Influenced pipeline', money(d.influencedPipeline)],
    ['Influenced revenue (won)', money(d.influencedRevenue)],
    ['Win rate with references', rate(d.winRateWithReferences)],
    ['Win rate without references', rate(d.winRateWithoutReferences)],
    [
      'Median time to fulfil',
      d.timeToFulfilHours.median === undefined
        ? '—'
        : `${Math.round(d.timeToFulfilHours.median)} h over ${d.timeToFulfilHours.count} requests`,
    ],
    ['Growth-plan targets met', `${d.coverage.met} of ${d.coverage.targets}`],
    ['Uses carried by the top 10 % of advocates', pct(d.topDecileShare)],
    ['Consents expiring in the next 90 days', String(d.consentsExpiringAhead)],
    ['Program health', `${d.assessment.score ?? '—'} (${d.assessment.grade})`],
  ];
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The digest as one self-contained HTML page: inline CSS and server-rendered SVG charts, nothing fetched. */
export function digestHtml(d: ExecutiveDigest, meta: DigestMeta): string {
  const title = `Vouch executive digest: ${meta.tenantId}, ${day(d.from)} – ${day(d.to)}`;
  const rows = (cells: string[][]) =>
    cells.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n');
  const findings = d.assessment.elements.flatMap((e) =>
    e.findings.map((f) => `<li><b>${escape(e.title)}</b>: ${escape(f)}</li>`),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escape(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1b1f24; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; } td, th { padding: .3rem .8rem; border-bottom: 1px solid #eaeef2; text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; } figure { margin: 0; }
.grade-WEAK { color: #b3261e; } .grade-FAIR { color: #9a6700; } .grade-STRONG { color: #2f7d4f; }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p>Generated ${escape(meta.generatedAt)} from the program's own events. Amounts per currency as recorded.</p>
<h2>Headlines</h2>
<table id="headlines">
${rows(headlines(d))}
</table>
<div class="charts">
<figure id="chart-win-rate">${winRateChart(d)}</figure>
<figure id="chart-uses">${usesChart(d)}</figure>
<figure id="chart-assessment">${assessmentChart(d)}</figure>
</div>
<h2>What needs attention</h2>
<ul id="findings">
${findings.length > 0 ? findings.join('\n') : '<li>No element shows a pitfall.</li>'}
</ul>
<h2>Program health by element</h2>
<table id="assessment">
<tr><th>Element</th><th>Score</th><th>Grade</th><th>Evidence</th></tr>
${d.assessment.elements
  .map(
    (e) =>
      `<tr><td>${escape(e.title)}</td><td>${e.score ?? '—'}</td><td class="grade-${e.grade}">${e.grade}</td><td>${escape(e.evidence.join(' '))}</td></tr>`,
  )
  .join('\n')}
</table>
<h2>Top advocates</h2>
<table id="top-advocates">
${rows(d.topAdvocates.map((a) => [a.advocateId, a.company ?? '', `${a.uses} uses`]))}
</table>
<h2>Top nominators (advocates of theirs then used)</h2>
<table id="top-nominators">
${rows(d.topNominators.map((n) => [n.nominatorId, `${n.advocatesUsed} used of ${n.nominations} nominated`, `${n.uses} uses`, `${n.dealsWon} deals won`]))}
</table>
</body>
</html>
`;
}

/** The digest as Markdown; the charts are inline SVG images (data URIs), so the file stands alone. */
export function digestMarkdown(d: ExecutiveDigest, meta: DigestMeta): string {
  const image = (alt: string, svg: string) =>
    `![${alt}](data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')})`;
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `# Vouch executive digest: ${meta.tenantId}, ${day(d.from)} – ${day(d.to)}`,
    '',
    `Generated ${meta.generatedAt} from the program's own events. Amounts per currency as recorded.`,
    '',
    '## Headlines',
    '',
    '| | |',
    '|---|---|',
    ...headlines(d).map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`),
    '',
    image('Win rate with vs without references', winRateChart(d)),
    '',
    image('Reference uses per 30 days', usesChart(d)),
    '',
    '## What needs attention',
    '',
    ...d.assessment.elements.flatMap((e) => e.findings.map((f) => `- **${e.title}**: ${f}`)),
    '',
    '## Program health by element',
    '',
    '| Element | Score | Grade | Evidence |',
    '|---|---|---|---|',
    ...d.assessment.elements.map(
      (e) => `| ${cell(e.title)} | ${e.score ?? '—'} | ${e.grade} | ${cell(e.evidence.join(' '))} |`,
    ),
    '',
    '## Top advocates',
    '',
    ...d.topAdvocates.map((a) => `- ${a.advocateId} (${a.company ?? '—'}): ${a.uses} uses`),
    '',
    '## Top nominators (advocates of theirs then used)',
    '',
    ...d.topNominators.map(
      (n) =>
        `- ${n.nominatorId}: ${n.advocatesUsed} used of ${n.nominations} nominated, ${n.uses} uses, ${n.dealsWon} deals won`,
    ),
    '',
  ];
  return lines.join('\n');
}

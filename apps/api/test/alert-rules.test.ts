import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VouchMetrics } from '../src';

// The alerting list in the README and the rules file operators load are the same rules, and
// every vouch_* metric they name is one the server serves on /metrics.

const ROOT = join(__dirname, '..', '..', '..');
const rulesFile = readFileSync(join(ROOT, 'docs', 'alerts', 'vouch.rules.yml'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** alert name → expression, from the rules file. */
function rulesOf(text: string): Map<string, string> {
  const rules = new Map<string, string>();
  for (const match of text.matchAll(/- alert: (\S+)\n\s+expr: (.+)\n/g))
    rules.set(match[1]!, match[2]!.trim());
  return rules;
}

/** alert name → expression, from the README's "What to alert on" table (the PromQL column). */
function tableOf(text: string): Map<string, string> {
  const rules = new Map<string, string>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (!/^Vouch[A-Za-z]+$/.test(cells[1] ?? '')) continue;
    rules.set(cells[1]!, cells[3]!.replace(/^`|`$/g, ''));
  }
  return rules;
}

describe('what to alert on', () => {
  const fromFile = rulesOf(rulesFile);

  it('lists the same rules, with the same expressions, in the README and in docs/alerts/vouch.rules.yml', () => {
    expect(fromFile.size).toBeGreaterThanOrEqual(10);
    expect(tableOf(readme)).toEqual(fromFile);
  });

  it('names only metrics the server serves', async () => {
    const served = new Set(
      (await new VouchMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name),
    );
    const named = [...fromFile.values()].flatMap((expr) =>
      [...expr.matchAll(/\bvouch_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')),
    );
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(served).toContain(name);
    // Every family served has at least one alert on it.
    expect(new Set(named)).toEqual(served);
  });

  it('gives every rule a duration, a severity and a summary', () => {
    const blocks = rulesFile.split('- alert: ').slice(1);
    expect(blocks).toHaveLength(fromFile.size);
    for (const block of blocks) {
      expect(block).toMatch(/\n\s+for: \d+m\n/);
      expect(block).toMatch(/\n\s+severity: (critical|warning)\n/);
      expect(block).toMatch(/\n\s+summary: .+/);
    }
  });
});

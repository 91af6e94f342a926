import type { FieldIssue } from './domain-error';
import { ValidationError } from './domain-error';
import { isUncleanText, UNCLEAN_TEXT_MESSAGE } from './text-hygiene';
import type { Instant } from './time';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CURRENCY = /^[A-Z]{3}$/;
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

interface TextRule {
  readonly min?: number;
  readonly max?: number;
}

/**
 * Collects every problem of a command payload before anything is decided, so the caller
 * hears about all bad fields at once and no event is produced from bad input. Each check
 * returns the (normalised) value so deciders use what was validated.
 */
export class Validator {
  private readonly issues: FieldIssue[] = [];

  fail(field: string, message: string): void {
    this.issues.push({ field, message });
  }

  /** Throws a ValidationError listing every issue, if there was any. */
  done(): void {
    if (this.issues.length > 0) throw new ValidationError(this.issues);
  }

  id(field: string, value: unknown): string {
    if (typeof value !== 'string' || value.length === 0) {
      this.fail(field, 'is required');
      return '';
    }
    if (value.length > 128 || !IDENTIFIER.test(value)) {
      this.fail(field, 'must be an identifier of letters, digits, "_", ".", ":" or "-" (at most 128)');
    }
    return value;
  }

  text(field: string, value: unknown, rule: TextRule = {}): string {
    const { min = 1, max = 200 } = rule;
    if (typeof value !== 'string') {
      this.fail(field, 'is required');
      return '';
    }
    if (isUncleanText(value)) {
      this.fail(field, UNCLEAN_TEXT_MESSAGE);
      return '';
    }
    const trimmed = value.trim();
    if (trimmed.length < min)
      this.fail(field, min <= 1 ? 'must not be empty' : `must be at least ${min} characters`);
    if (trimmed.length > max) this.fail(field, `must be at most ${max} characters`);
    return trimmed;
  }

  optionalText(field: string, value: unknown, rule: TextRule = {}): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    return this.text(field, value, rule);
  }

  email(field: string, value: unknown): string {
    const text = this.text(field, value, { max: 254 });
    if (text && !EMAIL.test(text)) this.fail(field, 'must be an email address');
    return text.toLowerCase();
  }

  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(field, `must be one of ${allowed.join(', ')}`);
      return allowed[0] as T;
    }
    return value as T;
  }

  optionalOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
    return value === undefined || value === null ? undefined : this.oneOf(field, value, allowed);
  }

  /** A list of distinct values each from `allowed`. */
  listOf<T extends string>(
    field: string,
    value: unknown,
    allowed: readonly T[],
    rule: { min?: number } = {},
  ): T[] {
    const list = this.list(field, value, rule.min ?? 1, 50);
    return [...new Set(list.map((item, i) => this.oneOf(`${field}[${i}]`, item, allowed)))];
  }

  /** A list of distinct short texts (tags, products, languages). */
  tags(field: string, value: unknown, rule: { min?: number; max?: number } = {}): string[] {
    if (value === undefined && (rule.min ?? 0) === 0) return [];
    const list = this.list(field, value, rule.min ?? 0, rule.max ?? 50);
    return [...new Set(list.map((item, i) => this.text(`${field}[${i}]`, item, { max: 80 })))];
  }

  private list(field: string, value: unknown, min: number, max: number): unknown[] {
    if (!Array.isArray(value)) {
      this.fail(field, 'must be a list');
      return [];
    }
    if (value.length < min) this.fail(field, `must have at least ${min} item${min === 1 ? '' : 's'}`);
    if (value.length > max) this.fail(field, `must have at most ${max} items`);
    return value;
  }

  /** An ISO-8601 date or date-time; returned normalised to a UTC instant. */
  instant(field: string, value: unknown): Instant {
    if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
      this.fail(field, 'must be an ISO-8601 date or date-time (e.g. 2026-12-01T09:00:00Z)');
      return '1970-01-01T00:00:00.000Z';
    }
    return new Date(Date.parse(value)).toISOString();
  }

  optionalInstant(field: string, value: unknown): Instant | undefined {
    return value === undefined || value === null ? undefined : this.instant(field, value);
  }

  integer(field: string, value: unknown, range: { min: number; max: number }): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(field, 'must be a whole number');
      return range.min;
    }
    if (value < range.min || value > range.max)
      this.fail(field, `must be between ${range.min} and ${range.max}`);
    return value;
  }

  optionalInteger(field: string, value: unknown, range: { min: number; max: number }): number | undefined {
    return value === undefined || value === null ? undefined : this.integer(field, value, range);
  }

  number(field: string, value: unknown, range: { min: number; max: number }): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(field, 'must be a number');
      return range.min;
    }
    if (value < range.min || value > range.max)
      this.fail(field, `must be between ${range.min} and ${range.max}`);
    return value;
  }

  optionalNumber(field: string, value: unknown, range: { min: number; max: number }): number | undefined {
    return value === undefined || value === null ? undefined : this.number(field, value, range);
  }

  boolean(field: string, value: unknown, fallback?: boolean): boolean {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.fail(field, 'must be true or false');
      return false;
    }
    return value;
  }

  money(field: string, value: unknown): { amount: number; currency: string } {
    const record = this.object(field, value);
    const amount = this.number(`${field}.amount`, record.amount, { min: 0, max: 1e12 });
    if (Math.round(amount * 100) !== amount * 100)
      this.fail(`${field}.amount`, 'must have at most two decimals');
    const currency = typeof record.currency === 'string' ? record.currency : '';
    if (!CURRENCY.test(currency)) this.fail(`${field}.currency`, 'must be an ISO 4217 code such as USD');
    return { amount, currency };
  }

  optionalMoney(field: string, value: unknown): { amount: number; currency: string } | undefined {
    return value === undefined || value === null ? undefined : this.money(field, value);
  }

  /** A nested object; returns an empty record (after noting the issue) when absent. */
  object(field: string, value: unknown): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(field, 'is required');
      return {};
    }
    return value as Record<string, unknown>;
  }

  /** Requires `a` ≤ `b` (or strictly before when `strict`). */
  order(field: string, a: Instant | undefined, b: Instant | undefined, message: string, strict = true): void {
    if (a === undefined || b === undefined) return;
    const ok = strict ? Date.parse(a) < Date.parse(b) : Date.parse(a) <= Date.parse(b);
    if (!ok) this.fail(field, message);
  }
}

/** Runs the checks in `read` and throws one ValidationError listing every issue, if any. */
export function validated<T>(read: (v: Validator) => T): T {
  const v = new Validator();
  const value = read(v);
  v.done();
  return value;
}

/** The formats `vouch audit export` writes (kept apart so the CLI's options load nothing else). */
export const AUDIT_FORMATS = ['jsonl', 'csv', 'html'] as const;
/** One of {@link AUDIT_FORMATS}. */
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

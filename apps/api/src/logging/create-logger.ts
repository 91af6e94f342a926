import pino, { type Logger, type LoggerOptions } from 'pino';

/** The API's structured logger: JSON lines, credentials and personal data never logged. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino({
    name: 'vouch-api',
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.token'], censor: '[redacted]' },
    ...options,
  });
}

import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * The API's structured logger: one JSON line per event (to stdout unless a destination is
 * given), credentials and personal data never logged.
 */
export function createLogger(options: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const settings: LoggerOptions = {
    name: 'vouch-api',
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.token'], censor: '[redacted]' },
    ...options,
  };
  return destination ? pino(settings, destination) : pino(settings);
}

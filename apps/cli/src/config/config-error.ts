/** Wrong or missing configuration: one message per wrong value; the CLI exits with code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: readonly string[]) {
    super(issues.join('\n'));
  }
}

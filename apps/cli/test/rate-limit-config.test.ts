import { ConfigError } from '../src/config/config-error';
import { rateLimitPerMinute } from '../src/config/rate-limit';

describe('VOUCH_RATE_LIMIT', () => {
  it("is the API's default when unset or empty, else a whole number of requests per user per minute", () => {
    expect(rateLimitPerMinute({})).toBeUndefined();
    expect(rateLimitPerMinute({ VOUCH_RATE_LIMIT: '' })).toBeUndefined();
    expect(rateLimitPerMinute({ VOUCH_RATE_LIMIT: '1200' })).toBe(1200);
    expect(rateLimitPerMinute({ VOUCH_RATE_LIMIT: ' 5 ' })).toBe(5);
  });

  it('refuses zero, fractions and words, naming the setting and the value', () => {
    for (const text of ['0', '1.5', '-3', 'lots', '1e3']) {
      expect(() => rateLimitPerMinute({ VOUCH_RATE_LIMIT: text })).toThrow(ConfigError);
      expect(() => rateLimitPerMinute({ VOUCH_RATE_LIMIT: text })).toThrow(`(got "${text}")`);
    }
  });
});

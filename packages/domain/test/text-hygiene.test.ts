import type { ValidationError } from '../src';
import { advocateDecider, isUncleanText, uncleanTextPaths } from '../src';
import { activeAdvocate, advocateCommand, advocateContext } from './support/builders';
import { specification } from './support/specification';

const { given } = specification(advocateDecider, () => advocateContext());

describe('text that cannot be stored as it is', () => {
  it('is text with a NUL character or an unpaired surrogate', () => {
    for (const bad of ['a\u0000b', '\u0000', 'x\uD83D', '\uDE42y', 'a\uDE42\uD83Db']) {
      expect([bad, isUncleanText(bad)]).toEqual([bad, true]);
    }
    for (const good of ['', 'Zoë Ångström', '🙂 fine', 'tab\tand\nnewline', '\uFFFD']) {
      expect([good, isUncleanText(good)]).toEqual([good, false]);
    }
  });

  it('is found at any depth and named by its path, keys included', () => {
    const data = { name: 'ok', contact: { title: 'a\u0000' }, tags: ['fine', '\uD800'], ['k\u0000']: 1 };
    expect(uncleanTextPaths(data, 'input')).toEqual([
      'input.contact.title',
      'input.tags[1]',
      'input.k\u0000',
    ]);
  });

  it('is refused by the deciders as VALIDATION_FAILED naming the field; nothing is decided', () => {
    const error = given(activeAdvocate())
      .when(advocateCommand('RetireAdvocate', { reason: 'Left\u0000 the company' }))
      .thenThrows('VALIDATION_FAILED');
    expect((error as ValidationError).issues).toEqual([
      { field: 'reason', message: 'must not contain NUL characters or unpaired surrogates' },
    ]);
    given(activeAdvocate())
      .when(advocateCommand('RetireAdvocate', { reason: 'Left \uD83D the company' }))
      .thenThrows('VALIDATION_FAILED', /reason must not contain NUL characters or unpaired surrogates/);
  });
});

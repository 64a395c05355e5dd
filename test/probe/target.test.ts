import { describe, expect, it } from 'vitest';
import { InvalidTargetError, parseTarget } from '../../src/probe/target.js';

describe('parseTarget: mistakes get a message that says what to write', () => {
  it('a path after host:port without a scheme suggests the URL form', () => {
    expect(() => parseTarget('ftp.example.com:2121/pub')).toThrow(InvalidTargetError);
    expect(() => parseTarget('ftp.example.com:2121/pub')).toThrow(/ftp:\/\/host:port\/path/);
  });

  it('the URL form with a path is accepted', () => {
    expect(parseTarget('ftp://ftp.example.com:2121/pub')).toMatchObject({
      host: 'ftp.example.com',
      port: 2121,
      path: '/pub',
    });
  });
});

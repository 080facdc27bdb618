import { describe, it, expect } from 'vitest';
import { Tok, lex } from './lexer.js';

describe('lex', () => {
  it('splits operators greedily but only into known tokens', () => {
    expect(lex('a!=b').map((t) => t.literal)).toEqual(['a', '!=', 'b', '']);
    expect(lex('!a').map((t) => t.tok)).toEqual([Tok.DoesNotExist, Tok.Identifier, Tok.End]);
    expect(lex('a==(b').map((t) => t.literal)).toEqual(['a', '==', '(', 'b', '']);
    expect(lex('!==').map((t) => t.literal)).toEqual(['!=', '=', '']);
    expect(lex('x in (in)').map((t) => t.tok)).toEqual([Tok.Identifier, Tok.In, Tok.OpenPar, Tok.In, Tok.ClosedPar, Tok.End]);
  });

  it('treats whitespace as a separator only', () => {
    expect(lex(' \t\r\n')).toEqual([{ tok: Tok.End, literal: '' }]);
    expect(lex('a\nb').map((t) => t.literal)).toEqual(['a', 'b', '']);
  });
});

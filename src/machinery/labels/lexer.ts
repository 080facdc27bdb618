/**
 * The label selector lexer, with upstream's token rules: whitespace separates, the special
 * characters = ! ( ) , > < form operators, and everything else runs into identifiers.
 */

export const enum Tok {
  Error,
  End,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

export interface Token {
  tok: Tok;
  literal: string;
}

const KEYWORDS: ReadonlyMap<string, Tok> = new Map([
  [')', Tok.ClosedPar],
  [',', Tok.Comma],
  ['!', Tok.DoesNotExist],
  ['==', Tok.DoubleEquals],
  ['=', Tok.Equals],
  ['>', Tok.GreaterThan],
  ['in', Tok.In],
  ['<', Tok.LessThan],
  ['!=', Tok.NotEquals],
  ['notin', Tok.NotIn],
  ['(', Tok.OpenPar],
]);

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isSpecial(ch: string): boolean {
  return ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';
}

/** Splits a selector into tokens, always ending with an End token. */
export function lex(s: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos]!)) pos++;
    if (pos >= s.length) {
      out.push({ tok: Tok.End, literal: '' });
      return out;
    }
    const start = pos;
    if (isSpecial(s[pos]!)) {
      // Longest run of special characters that is still a known operator.
      let best: Token | undefined;
      let end = pos;
      while (end < s.length && isSpecial(s[end]!)) {
        const t = KEYWORDS.get(s.slice(start, end + 1));
        if (t !== undefined) best = { tok: t, literal: s.slice(start, end + 1) };
        else if (best) break;
        end++;
      }
      if (!best) {
        out.push({ tok: Tok.Error, literal: `error expected: keyword found '${s.slice(start, end)}'` });
        pos = end;
      } else {
        out.push(best);
        pos = start + best.literal.length;
      }
      continue;
    }
    while (pos < s.length && !isSpecial(s[pos]!) && !isWhitespace(s[pos]!)) pos++;
    const word = s.slice(start, pos);
    out.push({ tok: KEYWORDS.get(word) ?? Tok.Identifier, literal: word });
  }
}

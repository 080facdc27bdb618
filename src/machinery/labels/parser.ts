/**
 * The label selector grammar of `?labelSelector=` (apimachinery labels.Parse):
 *
 *   selector    ::= requirement ("," requirement)*
 *   requirement ::= ["!"] KEY [ ("in"|"notin") "(" VALUES ")" | ("="|"=="|"!="|">"|"<") VALUE ]
 *
 * Errors are worded as upstream's, prefixed `unable to parse requirement: ` where upstream does.
 */
import { Tok, lex, type Token } from './lexer.js';
import { SelectorError, labelKeyProblem, newRequirement, type Operator, type Requirement } from './requirement.js';

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

const OPERATOR_TOKENS: ReadonlyMap<Tok, Operator> = new Map([
  [Tok.In, 'in'],
  [Tok.NotIn, 'notin'],
  [Tok.Equals, '='],
  [Tok.DoubleEquals, '=='],
  [Tok.NotEquals, '!='],
  [Tok.GreaterThan, 'gt'],
  [Tok.LessThan, 'lt'],
]);

class Parser {
  private pos = 0;
  constructor(private readonly items: Token[]) {}

  /** In a value position the keywords `in` and `notin` are plain identifiers. */
  private asValue(t: Token): Token {
    return t.tok === Tok.In || t.tok === Tok.NotIn ? { tok: Tok.Identifier, literal: t.literal } : t;
  }

  lookahead(): Token {
    return this.asValue(this.items[this.pos]!);
  }

  consume(asValue = true): Token {
    const t = this.items[this.pos]!;
    if (this.pos < this.items.length - 1) this.pos++;
    return asValue ? this.asValue(t) : t;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const t = this.lookahead();
      if (t.tok === Tok.End) return reqs;
      if (t.tok !== Tok.Identifier && t.tok !== Tok.DoesNotExist) {
        throw new SelectorError(`found '${t.literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        reqs.push(this.requirement());
      } catch (e) {
        throw new SelectorError(`unable to parse requirement: ${(e as Error).message}`);
      }
      const sep = this.consume();
      if (sep.tok === Tok.End) return reqs;
      if (sep.tok !== Tok.Comma) throw new SelectorError(`found '${sep.literal}', expected: ',' or 'end of string'`);
      const next = this.lookahead();
      if (next.tok !== Tok.Identifier && next.tok !== Tok.DoesNotExist) {
        throw new SelectorError(`found '${next.literal}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): Requirement {
    let t = this.consume();
    let negated = false;
    if (t.tok === Tok.DoesNotExist) {
      negated = true;
      t = this.consume();
    }
    if (t.tok !== Tok.Identifier) throw new SelectorError(`found '${t.literal}', expected: identifier`);
    const key = t.literal;
    const keyErr = labelKeyProblem(key, '<nil>');
    if (keyErr) throw new SelectorError(keyErr);
    // `!key` stands alone; whatever follows it is the next separator (so `!a=b` is an error).
    if (negated) return newRequirement(key, '!', []);
    const after = this.lookahead().tok;
    if (after === Tok.End || after === Tok.Comma) return newRequirement(key, 'exists', []);
    const op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(key, op, [...new Set(values)].sort());
  }

  private operator(): Operator {
    const t = this.consume(false);
    const op = OPERATOR_TOKENS.get(t.tok);
    if (op === undefined) throw new SelectorError(`found '${t.literal}', expected: ${BINARY_OPERATORS}`);
    return op;
  }

  private valueSet(): string[] {
    const open = this.consume();
    if (open.tok !== Tok.OpenPar) throw new SelectorError(`found '${open.literal}' expected: '('`);
    const t = this.lookahead();
    if (t.tok === Tok.ClosedPar) {
      this.consume();
      return [''];
    }
    if (t.tok !== Tok.Identifier && t.tok !== Tok.Comma) {
      throw new SelectorError(`found '${t.literal}', expected: ',', ')' or identifier`);
    }
    const values = this.identifierList();
    const close = this.consume();
    if (close.tok !== Tok.ClosedPar) throw new SelectorError(`found '${close.literal}', expected: ')'`);
    return values;
  }

  /** A possibly empty, comma-separated list of possibly empty identifiers: `(a,,b)`, `(,a)`. */
  private identifierList(): string[] {
    const values: string[] = [];
    for (;;) {
      const t = this.consume();
      if (t.tok === Tok.Identifier) {
        values.push(t.literal);
        const next = this.lookahead();
        if (next.tok === Tok.Comma) continue;
        if (next.tok === Tok.ClosedPar) return values;
        throw new SelectorError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (t.tok !== Tok.Comma) throw new SelectorError(`found '${t.literal}', expected: ',', or identifier`);
      if (values.length === 0) values.push('');
      const next = this.lookahead().tok;
      if (next === Tok.ClosedPar) {
        values.push('');
        return values;
      }
      if (next === Tok.Comma) values.push('');
    }
  }

  private exactValue(): string[] {
    const t = this.lookahead();
    if (t.tok === Tok.End || t.tok === Tok.Comma) return [''];
    const v = this.consume();
    if (v.tok === Tok.Identifier) return [v.literal];
    throw new SelectorError(`found '${v.literal}', expected: identifier`);
  }
}

/** Parses a selector string into requirements (in the order written). Throws SelectorError. */
export function parseRequirements(selector: string): Requirement[] {
  return new Parser(lex(selector)).parse();
}

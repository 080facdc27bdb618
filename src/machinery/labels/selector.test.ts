import { describe, it, expect } from 'vitest';
import { SelectorError, newRequirement } from './requirement.js';
import { Selector, parseSelector, selectorFromSet } from './selector.js';

describe('parseSelector', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['   ', ''],
    ['app=web', 'app=web'],
    ['app==web', 'app==web'],
    ['app!=web', 'app!=web'],
    ['app = web , tier', 'app=web,tier'],
    ['tier,app=web', 'app=web,tier'],
    ['env in (prod, qa)', 'env in (prod,qa)'],
    ['env in (qa,prod,qa)', 'env in (prod,qa)'],
    ['env notin (a)', 'env notin (a)'],
    ['!canary', '!canary'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['app=', 'app='],
    ['in=notin', 'in=notin'],
    ['a in (in,notin)', 'a in (in,notin)'],
    ['example.com/role=db', 'example.com/role=db'],
    ['n>5,m<10', 'm<10,n>5'],
    ['a\tin\t(b)', 'a in (b)'],
  ];
  it.each(cases)('%j → %j', (input, canonical) => {
    expect(parseSelector(input).toString()).toBe(canonical);
  });

  it('round-trips its own output', () => {
    for (const [input] of cases) {
      const s = parseSelector(input).toString();
      expect(parseSelector(s).toString()).toBe(s);
    }
  });

  const errors: [string, string][] = [
    ['a in b', "unable to parse requirement: found 'b' expected: '('"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['a)', "unable to parse requirement: found ')', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
    [
      '-a=b',
      'unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of alphanumeric characters, ' +
        "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or " +
        "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
    [
      'app=a$b',
      'unable to parse requirement: values[0][app]: Invalid value: "a$b": a valid label must be an empty string or ' +
        "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
    ['n>x', `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
  ];
  it.each(errors)('%j fails with %j', (input, message) => {
    expect(() => parseSelector(input)).toThrow(SelectorError);
    expect(() => parseSelector(input)).toThrow(message);
  });

  it('never crashes on junk', () => {
    for (const junk of ['((((', ')))', '!!!', '====', 'a in ((', ',,,', 'a notin', 'a in', '<>', '!', '\u0000', 'é=ü']) {
      try {
        parseSelector(junk);
      } catch (e) {
        expect(e).toBeInstanceOf(SelectorError);
      }
    }
  });
});

describe('Selector.matches', () => {
  const labels = { app: 'web', tier: 'frontend', n: '7' };
  const table: [string, boolean][] = [
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web,db)', true],
    ['app in (db)', false],
    ['app notin (db)', true],
    ['missing notin (db)', true],
    ['app notin (web)', false],
    ['tier', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['app=web,tier=frontend', true],
    ['app=web,tier=backend', false],
    ['n>5', true],
    ['n>7', false],
    ['n<8', true],
    ['app>1', false],
    ['missing<1', false],
    ['app in (a,b,c,d,e,web)', true],
    ['app in (a,b,c,d,e,f)', false],
  ];
  it.each(table)('%j matches: %s', (sel, want) => {
    expect(parseSelector(sel).matches(labels)).toBe(want);
  });

  it('treats missing labels as an empty set and ignores inherited properties', () => {
    expect(parseSelector('app').matches(undefined)).toBe(false);
    expect(parseSelector('!app').matches(undefined)).toBe(true);
    expect(parseSelector('constructor').matches({})).toBe(false);
    expect(parseSelector('toString!=x').matches({})).toBe(true);
  });
});

describe('Selector helpers', () => {
  it('everything and nothing', () => {
    expect(Selector.everything().isEmpty()).toBe(true);
    expect(Selector.everything().matches({ a: 'b' })).toBe(true);
    expect(Selector.nothing().isEmpty()).toBe(false);
    expect(Selector.nothing().matches({})).toBe(false);
    expect(Selector.nothing().toString()).toBe('');
    expect(Selector.nothing().add(newRequirement('a', 'exists', [])).matches({ a: '1' })).toBe(false);
  });

  it('selectorFromSet', () => {
    const s = selectorFromSet({ tier: 'db', app: 'web' });
    expect(s.toString()).toBe('app=web,tier=db');
    expect(s.matches({ app: 'web', tier: 'db', x: 'y' })).toBe(true);
    expect(s.matches({ app: 'web' })).toBe(false);
    expect(selectorFromSet(undefined).isEmpty()).toBe(true);
    expect(selectorFromSet({}).matches({})).toBe(true);
  });

  it('requiresExactMatch and requirements', () => {
    const s = parseSelector('app=web,env in (prod),tier in (a,b),x!=y');
    expect(s.requiresExactMatch('app')).toBe('web');
    expect(s.requiresExactMatch('env')).toBe('prod');
    expect(s.requiresExactMatch('tier')).toBeUndefined();
    expect(s.requiresExactMatch('x')).toBeUndefined();
    expect(s.requirements.map((r) => r.key)).toEqual(['app', 'env', 'tier', 'x']);
    expect(s.requirements[2]).toEqual({ key: 'tier', operator: 'in', values: ['a', 'b'] });
  });

  it('add keeps requirements sorted', () => {
    const s = parseSelector('b=1').add(newRequirement('a', 'exists', []));
    expect(s.toString()).toBe('a,b=1');
  });

  it('newRequirement validates like upstream', () => {
    expect(() => newRequirement('a', 'in', [])).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => newRequirement('a', '=', ['x', 'y'])).toThrow(
      'values: Invalid value: []string{"x", "y"}: exact-match compatibility requires one single value',
    );
    expect(() => newRequirement('a', 'exists', ['x'])).toThrow('values set must be empty for exists and does not exist');
    expect(() => newRequirement('a', 'bogus' as never, [])).toThrow('operator: Unsupported value: "bogus"');
    expect(() => newRequirement('a/b/c', 'exists', [])).toThrow('key: Invalid value: "a/b/c": a qualified name must consist');
  });
});

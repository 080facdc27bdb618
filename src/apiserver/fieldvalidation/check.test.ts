import { describe, expect, it } from 'vitest';
import { ApiError } from '../../machinery/index.js';
import { checkFields, parseFieldValidation, strictDecodingError } from './check.js';
import { formatWarningHeader } from './warning-header.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const CONFIGMAP = { group: '', version: 'v1', kind: 'ConfigMap' };
const POD = { group: '', version: 'v1', kind: 'Pod' };

// The body of upstream's conformance test "should detect unknown and duplicate fields of a typed object".
const CONFORMANCE_BODY = `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {"name": "my-dep", "labels": {"app": "nginx"}},
  "spec": {
    "unknownField": "foo",
    "replicas": 2,
    "replicas": 3,
    "selector": {"matchLabels": {"app": "nginx"}},
    "template": {
      "metadata": {"labels": {"app": "nginx"}},
      "spec": {"containers": [{"name": "nginx", "image": "nginx:latest"}]}
    }
  }
}`;

function deployment(extra: (d: Record<string, any>) => void = () => {}): Record<string, any> {
  const d: Record<string, any> = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'a.b/c': 'x' }, managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': {} } }] },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'a', image: 'nginx', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1', 'example.com/gpu': '2' } } },
            { name: 'b', image: 'busybox', env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] },
          ],
          volumes: [{ name: 'v', emptyDir: { sizeLimit: '1Gi' } }],
        },
      },
    },
  };
  extra(d);
  return d;
}

function strictMessage(kind: typeof DEPLOYMENT, body: unknown, rawBody?: string): string {
  try {
    checkFields(kind, body, { mode: 'Strict', rawBody });
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status.code).toBe(400);
    expect((e as ApiError).status.reason).toBe('BadRequest');
    return (e as ApiError).status.message ?? '';
  }
  return '(accepted)';
}

describe('checkFields, Strict', () => {
  it('words unknown and duplicate fields as upstream, in document order', () => {
    expect(strictMessage(DEPLOYMENT, JSON.parse(CONFORMANCE_BODY), CONFORMANCE_BODY)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.unknownField", duplicate field "spec.replicas"',
    );
  });

  it('finds unknown metadata fields', () => {
    const body = deployment((d) => (d.metadata.unknownMeta = 'foo'));
    expect(strictMessage(DEPLOYMENT, body)).toContain('strict decoding error: unknown field "metadata.unknownMeta"');
  });

  it('finds unknown fields in list items, nested objects and maps of objects', () => {
    const body = deployment((d) => {
      d.spec.bogus = true;
      d.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
      d.spec.template.spec.containers[1].env[0].valueFrom.fieldRef.nope = 1;
      d.spec.strategy.rollingUpdate.maxSurgee = 2;
    });
    expect(strictMessage(DEPLOYMENT, body)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ' +
        'unknown field "spec.strategy.rollingUpdate.maxSurgee", unknown field "spec.template.spec.containers[0].imagePullPolicyy", ' +
        'unknown field "spec.template.spec.containers[1].env[0].valueFrom.fieldRef.nope", unknown field "spec.bogus"',
    );
  });

  it('accepts a complete object: maps, quantities, int-or-string, free-form fieldsV1', () => {
    expect(checkFields(DEPLOYMENT, deployment(), { mode: 'Strict' })).toEqual({ object: deployment(), warnings: [] });
  });

  it('words a top-level unknown field on a core kind as kubectl shows it', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' }, bogus: 1 };
    expect(strictMessage(CONFIGMAP, cm)).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"');
  });

  it('reports duplicates from the raw body even with no unknown field', () => {
    const raw = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","name":"q"},"spec":{"containers":[{"name":"c","image":"i"}]}}';
    expect(strictMessage(POD, JSON.parse(raw), raw)).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: duplicate field "metadata.name"');
  });

  it('lets kinds without a generated schema through', () => {
    const widget = { group: 'example.com', version: 'v1', kind: 'Widget' };
    expect(checkFields(widget, { anything: 1 }, { mode: 'Strict' }).object).toEqual({ anything: 1 });
  });

  it('does not crash on bodies of the wrong shape', () => {
    for (const body of [null, 42, 'x', [], [{ a: 1 }], { spec: 'not-an-object' }, { spec: { template: [] } }, { metadata: { labels: 'x' } }]) {
      expect(() => checkFields(DEPLOYMENT, body, { mode: 'Strict' })).not.toThrow();
    }
  });
});

describe('checkFields, Warn and Ignore', () => {
  it('Warn returns warnings and the object without unknown fields, leaving the input alone', () => {
    const body = deployment((d) => {
      d.spec.bogus = true;
      d.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    });
    const before = structuredClone(body);
    const { object, warnings } = checkFields(DEPLOYMENT, body, { mode: 'Warn' });
    // In the order the keys appear: spec.bogus was added last.
    expect(warnings).toEqual(['unknown field "spec.template.spec.containers[0].imagePullPolicyy"', 'unknown field "spec.bogus"']);
    expect(object).toEqual(deployment());
    expect(body).toEqual(before);
  });

  it('Warn lists duplicates', () => {
    const { warnings } = checkFields(DEPLOYMENT, JSON.parse(CONFORMANCE_BODY), { mode: 'Warn', rawBody: Buffer.from(CONFORMANCE_BODY) });
    expect(warnings).toEqual(['unknown field "spec.unknownField"', 'duplicate field "spec.replicas"']);
  });

  it('Ignore drops unknown fields silently', () => {
    const body = deployment((d) => (d.metadata.unknownMeta = 'x'));
    expect(checkFields(DEPLOYMENT, body, { mode: 'Ignore', rawBody: JSON.stringify(body) })).toEqual({ object: deployment(), warnings: [] });
  });
});

describe('parseFieldValidation', () => {
  it('defaults to Warn and rejects unknown directives', () => {
    expect(parseFieldValidation(null)).toBe('Warn');
    expect(parseFieldValidation('')).toBe('Warn');
    expect(parseFieldValidation('Strict')).toBe('Strict');
    expect(parseFieldValidation('Ignore')).toBe('Ignore');
    expect(() => parseFieldValidation('strict')).toThrow(/fieldValidation: Unsupported value: "strict"/);
  });
});

describe('strictDecodingError and warning headers', () => {
  it('formats the message and the header', () => {
    expect(strictDecodingError(CONFIGMAP, ['unknown field "x"']).status.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "x"',
    );
    expect(formatWarningHeader('unknown field "spec.bogus"')).toBe('299 - "unknown field \\"spec.bogus\\""');
    expect(formatWarningHeader('a\\b\nc')).toBe('299 - "a\\\\b c"');
  });
});

describe('checkFields on hostile keys', () => {
  it('treats __proto__ as an ordinary unknown field or map key', () => {
    const body = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"__proto__":"x"}},"__proto__":{"polluted":true}}');
    expect(strictMessage(CONFIGMAP, body)).toContain('unknown field "__proto__"');
    const { object } = checkFields(CONFIGMAP, body, { mode: 'Ignore' }) as { object: Record<string, any> };
    expect(Object.keys(object)).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(Object.keys(object.metadata.labels)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

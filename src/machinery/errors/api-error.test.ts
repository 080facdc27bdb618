import { describe, it, expect } from 'vitest';
import { invalid, required } from '../../api/validation/field-errors.js';
import {
  ApiError,
  isAlreadyExists,
  isApiError,
  isConflict,
  isNotFound,
  isResourceExpired,
  reasonOf,
  toStatus,
} from './api-error.js';

const pods = { group: '', resource: 'pods' };
const deployments = { group: 'apps', resource: 'deployments' };

describe('ApiError constructors', () => {
  it('notFound is worded and detailed like kube-apiserver', () => {
    const e = ApiError.notFound(pods, 'x');
    expect(e.code).toBe(404);
    expect(e.message).toBe('pods "x" not found');
    expect(e.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "x" not found',
      reason: 'NotFound',
      details: { name: 'x', kind: 'pods' },
      code: 404,
    });
    const d = ApiError.notFound(deployments, 'web');
    expect(d.message).toBe('deployments.apps "web" not found');
    expect(d.status.details).toEqual({ name: 'web', group: 'apps', kind: 'deployments' });
  });

  it('notFound without a resource is the generic 404', () => {
    const e = ApiError.notFound({ group: '', resource: '' }, '');
    expect(e.message).toBe('the server could not find the requested resource');
    expect(e.status.details).toBeUndefined();
  });

  it('tooLargeResourceVersion carries the cause client-go checks', () => {
    const e = ApiError.tooLargeResourceVersion(12, 10);
    expect(e.code).toBe(504);
    expect(e.message).toBe('Timeout: Too large resource version: 12, current: 10');
    expect(e.status.details).toEqual({
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    });
  });

  it('alreadyExists and conflict', () => {
    expect(ApiError.alreadyExists(pods, 'x').message).toBe('pods "x" already exists');
    expect(ApiError.alreadyExists(pods, 'x').code).toBe(409);
    const c = ApiError.conflict(pods, 'x');
    expect(c.code).toBe(409);
    expect(c.reason).toBe('Conflict');
    expect(c.message).toBe(
      'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(ApiError.conflict(deployments, 'd', { detail: 'uid mismatch' }).message).toBe(
      'Operation cannot be fulfilled on deployments.apps "d": uid mismatch',
    );
    const g = ApiError.generateNameConflict(pods, 'web-abcde');
    expect(g.reason).toBe('AlreadyExists');
    expect(g.status.details?.retryAfterSeconds).toBe(1);
  });

  it('invalid with one cause', () => {
    const e = ApiError.invalid({ group: '', kind: 'Pod' }, 'x', { causes: [required('spec.containers[0].image')] });
    expect(e.code).toBe(422);
    expect(e.reason).toBe('Invalid');
    expect(e.message).toBe('Pod "x" is invalid: spec.containers[0].image: Required value');
    expect(e.status.details).toEqual({
      name: 'x',
      kind: 'Pod',
      causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }],
    });
  });

  it('invalid with several causes, deduplicated, and a group', () => {
    const a = required('spec.selector');
    const b = invalid('spec.replicas', -1, 'must be greater than or equal to 0');
    const e = ApiError.invalid({ group: 'apps', kind: 'Deployment' }, 'web', { causes: [a, b, a] });
    expect(e.message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.replicas: Invalid value: -1: must be greater than or equal to 0]',
    );
    expect(e.status.details?.group).toBe('apps');
    expect(e.status.details?.causes).toHaveLength(3);
    expect(ApiError.invalid({ group: '', kind: 'Pod' }, 'p', { causes: [] }).message).toBe('Pod "p" is invalid');
  });

  it('simple reasons and codes', () => {
    const cases: [ApiError, number, string, string][] = [
      [ApiError.badRequest('bad'), 400, 'BadRequest', 'bad'],
      [ApiError.unauthorized(), 401, 'Unauthorized', 'Unauthorized'],
      [ApiError.methodNotAllowed(), 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'],
      [ApiError.notAcceptable(['application/json']), 406, 'NotAcceptable', 'only the following media types are accepted: application/json'],
      [ApiError.gone('gone'), 410, 'Gone', 'gone'],
      [ApiError.tooOldResourceVersion(5, 10), 410, 'Expired', 'too old resource version: 5 (10)'],
      [ApiError.requestEntityTooLarge('limit is 3145728'), 413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'],
      [
        ApiError.unsupportedMediaType(),
        415,
        'UnsupportedMediaType',
        'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
      ],
      [ApiError.serviceUnavailable(), 503, 'ServiceUnavailable', 'the server is currently unable to handle the request'],
      [ApiError.timeout('request did not complete within 60s'), 504, 'Timeout', 'Timeout: request did not complete within 60s'],
    ];
    for (const [e, code, reason, message] of cases) {
      expect({ code: e.code, reason: e.reason, message: e.message }).toEqual({ code, reason, message });
      expect(e.status.details).toBeUndefined();
    }
  });

  it('methodNotSupported and serverTimeout name the resource', () => {
    const m = ApiError.methodNotSupported({ group: '', resource: 'bindings' }, 'list');
    expect(m.message).toBe('list is not supported on resources of kind "bindings"');
    const s = ApiError.serverTimeout(pods, 'create', { retryAfterSeconds: 2 });
    expect(s.code).toBe(500);
    expect(s.reason).toBe('ServerTimeout');
    expect(s.message).toBe('The create operation against pods could not be completed at this time, please try again.');
    expect(s.status.details?.retryAfterSeconds).toBe(2);
  });

  it('tooManyRequests carries retryAfterSeconds', () => {
    const e = ApiError.tooManyRequests(undefined, { retryAfterSeconds: 3 });
    expect(e.code).toBe(429);
    expect(e.message).toBe('Too many requests, please try again later.');
    expect(e.status.details).toEqual({ retryAfterSeconds: 3 });
  });

  it('forbidden has the three upstream shapes', () => {
    expect(ApiError.forbidden(pods, 'x', { reason: 'no' }).message).toBe('pods "x" is forbidden: no');
    expect(ApiError.forbidden(deployments, '', { reason: 'no' }).message).toBe('deployments.apps is forbidden: no');
    expect(ApiError.forbidden({ group: '', resource: '' }, '', { reason: 'no' }).message).toBe('forbidden: no');
    expect(ApiError.forbidden(pods, 'x', { reason: 'no' }).code).toBe(403);
  });

  it('internalError keeps the message and drops the stack', () => {
    const err = new Error('disk full');
    const e = ApiError.internalError(err);
    expect(e.code).toBe(500);
    expect(e.message).toBe('Internal error occurred: disk full');
    expect(JSON.stringify(e.status)).not.toContain('at ');
    expect(e.status.details?.causes).toEqual([{ message: 'disk full' }]);
    expect(ApiError.internalError('boom').message).toBe('Internal error occurred: boom');
    expect(ApiError.internalError(42).message).toBe('Internal error occurred: unknown error');
  });
});

describe('predicates and conversion', () => {
  it('recognises reasons', () => {
    expect(isApiError(ApiError.badRequest('x'))).toBe(true);
    expect(isApiError(new Error('x'))).toBe(false);
    expect(isNotFound(ApiError.notFound(pods, 'a'))).toBe(true);
    expect(isNotFound(new Error('not found'))).toBe(false);
    expect(isAlreadyExists(ApiError.alreadyExists(pods, 'a'))).toBe(true);
    expect(isConflict(ApiError.conflict(pods, 'a'))).toBe(true);
    expect(isResourceExpired(ApiError.expired('x'))).toBe(true);
    expect(isResourceExpired(ApiError.gone('x'))).toBe(true);
    expect(reasonOf(undefined)).toBe('');
  });

  it('toStatus returns a copy for ApiErrors', () => {
    const e = ApiError.notFound(pods, 'a');
    const s = toStatus(e);
    expect(s).toEqual(e.status);
    s.message = 'changed';
    expect(e.status.message).toBe('pods "a" not found');
  });

  it('toStatus hides the internals of unknown errors', () => {
    const seen: unknown[] = [];
    const err = new Error('password=hunter2 at /secret/path');
    const s = toStatus(err, { onUnknown: (e) => seen.push(e) });
    expect(s.code).toBe(500);
    expect(s.reason).toBe('InternalError');
    expect(s.message).not.toContain('hunter2');
    expect(seen).toEqual([err]);
    for (const weird of [null, undefined, 'str', 12, { a: 1 }]) expect(toStatus(weird).code).toBe(500);
  });

  it('fromStatus rebuilds an error from a response body', () => {
    const body = JSON.parse(JSON.stringify(ApiError.conflict(pods, 'a').status));
    const e = ApiError.fromStatus(body);
    expect(e?.code).toBe(409);
    expect(isConflict(e)).toBe(true);
    expect(ApiError.fromStatus({ kind: 'Pod' })).toBeUndefined();
    expect(ApiError.fromStatus('nope')).toBeUndefined();
  });
});

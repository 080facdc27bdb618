import { describe, expect, it } from 'vitest';
import {
  AlreadyAllocatedError,
  InvalidItemError,
  NotInRangeError,
  RangeFullError,
  allocationFieldDetail,
  allocationInternalMessage,
} from './errors.js';

describe('allocation error wording (as kube-apiserver)', () => {
  it('words ClusterIP field errors', () => {
    expect(allocationFieldDetail(new AlreadyAllocatedError('IP', '10.43.0.5', null))).toBe(
      'failed to allocate IP 10.43.0.5: provided IP is already allocated',
    );
    expect(allocationFieldDetail(new NotInRangeError('IP', '10.44.0.5', '10.43.0.0/16'))).toBe(
      'failed to allocate IP 10.44.0.5: provided IP is not in the valid range. The range of valid IPs is 10.43.0.0/16',
    );
  });

  it('words NodePort field errors', () => {
    expect(allocationFieldDetail(new AlreadyAllocatedError('port', '30080', null))).toBe(
      'provided port is already allocated',
    );
    expect(allocationFieldDetail(new NotInRangeError('port', '80', '30000-32767'))).toBe(
      'provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('words dynamic allocation failures', () => {
    expect(allocationInternalMessage(new RangeFullError('IP', '10.43.0.0/16'))).toBe(
      'failed to allocate a serviceIP: range is full',
    );
    expect(allocationInternalMessage(new RangeFullError('port', '30000-32767'))).toBe(
      'failed to allocate a nodePort: range is full',
    );
  });

  it('names malformed input', () => {
    expect(new InvalidItemError('IP', 'abc').message).toBe('"abc" is not a valid IP address');
    expect(new InvalidItemError('port', '70000').message).toMatch(/not a valid port number/);
  });
});

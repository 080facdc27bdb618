import { describe, expect, it } from 'vitest';
import { containerCells, createdAtCell, formatBoolPtr, workloadCells, workloadColumns } from './printing-workloads.js';
import { col } from './printing.js';

describe('workload printing helpers', () => {
  it('joins containers and images', () => {
    expect(containerCells([{ name: 'a', image: 'x:1' }, { name: 'b' }])).toEqual(['a,b', 'x:1,']);
    expect(containerCells(undefined)).toEqual(['', '']);
  });

  it('lays out workload columns and cells', () => {
    expect(workloadColumns([col('Ready')], 'sel').map((c) => `${c.name}/${c.priority}`)).toEqual([
      'Name/0', 'Ready/0', 'Age/0', 'Containers/1', 'Images/1', 'Selector/1',
    ]);
    expect(workloadColumns([]).map((c) => c.name)).toEqual(['Name', 'Age', 'Containers', 'Images']);
    const obj = { metadata: { name: 'x', creationTimestamp: '2024-01-01T00:00:00Z' } };
    expect(workloadCells(obj, new Date('2024-01-01T00:00:09Z'), { own: ['1/1'], containers: [{ name: 'c', image: 'i' }], selector: 'a=b' })).toEqual([
      'x', '1/1', '9s', 'c', 'i', 'a=b',
    ]);
  });

  it('formats optional booleans and creation times', () => {
    expect([formatBoolPtr(true), formatBoolPtr(false), formatBoolPtr(undefined)]).toEqual(['True', 'False', '<unset>']);
    expect(createdAtCell('2024-05-06T07:08:09.123Z')).toBe('2024-05-06T07:08:09Z');
    expect(createdAtCell(undefined)).toBe('');
  });
});

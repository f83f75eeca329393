import { describe, expect, it } from '@jest/globals';
import { validateSarif } from './validate-sarif';

describe('validateSarif', () => {
  const minimal = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'safe-deploy', rules: [{ id: 'r1', shortDescription: { text: 'x' } }] } }, results: [{ ruleId: 'r1', level: 'error', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.ts' }, region: { startLine: 3, startColumn: 1 } } }], partialFingerprints: { 'primaryLocationLineHash/v1': 'abc' } }] }],
  };

  it('accepts a valid document', () => {
    expect(validateSarif(minimal)).toEqual([]);
  });

  it('names what is wrong in an invalid one', () => {
    const broken = { ...minimal, version: '2.0.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal', message: { text: 'm' } }] }] };
    const problems = validateSarif(broken);
    expect(problems.join('\n')).toMatch(/\/version/);
    expect(problems.join('\n')).toMatch(/\/runs\/0\/tool\/driver must have required property 'name'/);
    expect(problems.join('\n')).toMatch(/\/runs\/0\/results\/0\/level/);
  });
});

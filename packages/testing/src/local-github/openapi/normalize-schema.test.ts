import { describe, expect, it } from '@jest/globals';
import { normalizeSchema } from './normalize-schema';

describe('normalizeSchema', () => {
  it.each([
    ['nullable type', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    ['nullable enum', { type: 'string', enum: ['a', 'b'], nullable: true }, { type: ['string', 'null'], enum: ['a', 'b', null] }],
    ['nullable $ref drops siblings', { $ref: '#/components/schemas/x', nullable: true, description: 'd' }, { anyOf: [{ type: 'null' }, { $ref: 'github.json#/components/schemas/x' }] }],
    ['$ref siblings are ignored', { $ref: '#/components/schemas/x', type: 'object' }, { $ref: 'github.json#/components/schemas/x' }],
    ['nullable allOf', { allOf: [{ $ref: '#/components/schemas/x' }], nullable: true }, { anyOf: [{ type: 'null' }, { allOf: [{ $ref: 'github.json#/components/schemas/x' }] }] }],
    ['nullable oneOf with a type', { type: 'object', oneOf: [{ type: 'object' }], nullable: true }, { anyOf: [{ type: 'null' }, { type: 'object', oneOf: [{ type: 'object' }] }] }],
    ['x-* keys, examples and prose', { type: 'integer', 'x-github': {}, example: 1, examples: [1], description: 'd', title: 't' }, { type: 'integer' }],
    ['properties named like keywords stay', { type: 'object', properties: { description: { type: 'string', nullable: true }, example: { type: 'string' } } },
      { type: 'object', properties: { description: { type: ['string', 'null'] }, example: { type: 'string' } } }],
    ['nested items and additionalProperties', { type: 'array', items: { type: 'object', additionalProperties: { type: 'string', nullable: true } } },
      { type: 'array', items: { type: 'object', additionalProperties: { type: ['string', 'null'] } } }],
  ])('%s', (_name, input, expected) => {
    expect(normalizeSchema(input)).toEqual(expected);
  });
});

import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
describe('smoke', () => { it('runs', () => { expect(z.string().parse('a')).toBe('a'); }); });

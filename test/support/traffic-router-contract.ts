import { describe, expect, it } from '@jest/globals';
import type { TrafficRouter } from '@safe-deploy/core';

/**
 * The TrafficRouter contract, shared by the fake and every real router: a weight that was set is the weight it
 * serves (or, for a router that cannot tell, `undefined` with a reason — never a wrong number); weights outside
 * 0–100 are refused before anything changes; `describe()` says what it routes in one line.
 */
export function describeTrafficRouterContract(name: string, make: () => Promise<TrafficRouter>, options: { readsBack: boolean; settle?: () => Promise<void> }): void {
  describe(`${name} honours the TrafficRouter contract`, () => {
    it('serves the weight it was set to, from 0 to 100, fractions included', async () => {
      const router = await make();
      for (const weight of [0, 2.5, 25, 100, 0]) {
        await router.setWeight(weight);
        await options.settle?.();
        const reading = await router.readWeight();
        expect(reading.detail.length).toBeGreaterThan(0);
        if (options.readsBack) expect(reading.weight).toBe(weight);
        else expect(reading.weight === undefined || reading.weight === weight).toBe(true);
      }
    });

    it('refuses weights outside 0–100 without changing the split', async () => {
      const router = await make();
      await router.setWeight(25);
      await options.settle?.();
      for (const weight of [-1, 100.5, Number.NaN]) await expect(router.setWeight(weight)).rejects.toBeInstanceOf(RangeError);
      const reading = await router.readWeight();
      if (options.readsBack) expect(reading.weight).toBe(25);
    });

    it('describes itself in one line', async () => {
      const line = (await make()).describe();
      expect(line).toMatch(/\S/);
      expect(line).not.toContain('\n');
    });
  });
}

import { describe, expect, it } from '@jest/globals';
import { paginate } from './paginate';

const items = Array.from({ length: 95 }, (_, i) => i);
const url = (query: string) => new URL(`http://h/x${query}`);
const link = (query: string, rels: [number, string][]) => rels.map(([page, rel]) => `<http://h/x?${query}page=${page}>; rel="${rel}"`).join(', ');

describe('paginate', () => {
  it.each([
    [{}, '', 30, [0, 29], link('', [[2, 'next'], [4, 'last']])],
    [{ page: 2 }, '?page=2', 30, [30, 59], link('', [[1, 'prev'], [3, 'next'], [4, 'last'], [1, 'first']])],
    [{ page: 4 }, '?page=4', 5, [90, 94], link('', [[3, 'prev'], [1, 'first']])],
    [{ per_page: 50, page: 1 }, '?state=all&per_page=50&page=1', 50, [0, 49], link('state=all&per_page=50&', [[2, 'next'], [2, 'last']])],
    [{ per_page: 1000 }, '?per_page=1000', 95, [0, 94], undefined],
    [{ page: 9 }, '?page=9', 0, undefined, link('', [[4, 'prev'], [1, 'first']])],
  ])('%o', (query, search, size, bounds, expectedLink) => {
    const page = paginate(items, query, url(search));
    expect(page.items).toHaveLength(size);
    if (bounds) expect([page.items[0], page.items.at(-1)]).toEqual(bounds);
    expect(page.link).toBe(expectedLink);
  });
});

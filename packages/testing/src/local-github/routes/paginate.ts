/** One page of a list and GitHub's `Link` header for it (absent when everything fits one page). */
export interface Page<T> {
  items: T[];
  link?: string;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

function pageUrl(requestUrl: URL, page: number): string {
  const url = new URL(requestUrl.href);
  url.searchParams.set('page', String(page));
  return url.href;
}

/**
 * Slices a list the way GitHub paginates. Decides by `per_page` (default 30, at most 100) and
 * `page` (1-based). The Link header lists, in GitHub's order, `prev`, `next`, `last`, `first`
 * — each only when it applies — with URLs on the request's own URL, other query params kept.
 */
export function paginate<T>(items: T[], query: Record<string, unknown>, requestUrl: URL): Page<T> {
  const requested = typeof query.per_page === 'number' ? query.per_page : DEFAULT_PER_PAGE;
  const perPage = Math.min(Math.max(requested, 1), MAX_PER_PAGE);
  const page = Math.max(typeof query.page === 'number' ? query.page : 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const rels: string[] = [];
  if (page > 1) rels.push(`<${pageUrl(requestUrl, Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) rels.push(`<${pageUrl(requestUrl, page + 1)}>; rel="next"`, `<${pageUrl(requestUrl, last)}>; rel="last"`);
  if (page > 1) rels.push(`<${pageUrl(requestUrl, 1)}>; rel="first"`);
  return rels.length > 0 ? { items: slice, link: rels.join(', ') } : { items: slice };
}

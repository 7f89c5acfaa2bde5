import type { ExportFormat } from './export-format';

/** Page-only parameters the export refuses: it streams every matching row, so it has no page size or position. */
const NOT_FILTERS = ['format', 'limit', 'cursor'];

/** The filter as it goes to `/audit/export` and into the file name: the page's parameters, less paging. */
export function exportFilterOf(params: string | URLSearchParams): URLSearchParams {
  const filter = new URLSearchParams(params);
  for (const name of NOT_FILTERS) filter.delete(name);
  return filter;
}

/** `<backend>/api/v1/audit/export?format=…&…filter`. */
export function exportUrl(backendUrl: string, format: ExportFormat, filter: URLSearchParams): string {
  const query = new URLSearchParams([['format', format], ...filter]);
  return `${backendUrl.replace(/\/+$/, '')}/api/v1/audit/export?${query}`;
}

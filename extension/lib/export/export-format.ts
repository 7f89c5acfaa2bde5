/** The formats `/audit/export` writes: RFC 4180 CSV (a header line first) or JSON Lines (one event per line). */
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The format's name as a person reads it. */
export const FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', jsonl: 'JSONL' };

/** The MIME type of the saved file. */
export const FORMAT_TYPES: Record<ExportFormat, string> = { csv: 'text/csv;charset=utf-8', jsonl: 'application/jsonl;charset=utf-8' };

import type { ExportModel } from '../../lib/export/export-model';
import { EXPORT_FORMATS, type ExportFormat, FORMAT_LABELS } from '../../lib/export/export-format';

const count = (rows: number) => (rows === 1 ? '1 row' : `${rows.toLocaleString('en-US')} rows`);

/** Format, Export, and while it runs the rows written and Cancel; then what was saved, or why not. */
export function ExportControls({ model, params }: { model: ExportModel; params: string }) {
  const status = model.status.value;
  const running = status === 'running';
  return (
    <div class="export" role="group" aria-label="Export the filtered log" data-testid="export">
      <label class="export__format">
        Format
        <select
          data-testid="export-format"
          value={model.format.value}
          disabled={running}
          onChange={(event) => (model.format.value = event.currentTarget.value as ExportFormat)}
        >
          {EXPORT_FORMATS.map((format) => (
            <option key={format} value={format}>
              {FORMAT_LABELS[format]}
            </option>
          ))}
        </select>
      </label>
      {running ? (
        <>
          {/* Not live: a count changing many times a second would drown a screen reader; the end is announced. */}
          <output class="export__progress" data-testid="export-progress" aria-live="off">
            Exporting… {count(model.rows.value)} written
          </output>
          <button type="button" data-testid="export-cancel" onClick={() => model.cancel()}>
            Cancel export
          </button>
        </>
      ) : (
        <button type="button" data-testid="export-start" onClick={() => void model.start(params)}>
          Export
        </button>
      )}
      <p class="export__result" role="status" data-testid="export-status">
        {status === 'done' ? `Saved ${count(model.rows.value)} as ${model.fileName.value ?? ''}` : ''}
        {status === 'cancelled' ? 'Export cancelled; nothing was saved.' : ''}
      </p>
      {status === 'failed' ? (
        <p class="export__error" role="alert" data-testid="export-error">
          {model.error.value}
        </p>
      ) : null}
    </div>
  );
}

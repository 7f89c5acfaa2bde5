import { useModel } from '@preact/signals';
import { browserExportDeps } from '../../lib/export/browser-export-deps';
import { ExportModel } from '../../lib/export/export-model';
import { ExportControls } from './ExportControls';
import './export.css';

/**
 * Exports the log as the page filters it. `params` is the filter in the
 * API's parameter form (what `paramsOf(filter).toString()` gives, the page
 * URL's query); an export running when the page closes is cancelled.
 */
export function ExportButton({ params }: { params: string }) {
  const model = useModel(() => new ExportModel(browserExportDeps(document)));
  return <ExportControls model={model} params={params} />;
}

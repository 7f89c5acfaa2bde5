import { batch, computed, createModel, signal } from '@preact/signals';
import type { SavedView } from '../../../shared/api-client-responses';
import type { Result } from '../messaging/protocol';
import { defaultViewOf, hasFilter } from './view-filters';
import type { ViewsDeps } from './views-deps';

export type ViewsStatus = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * The saved views menu of the audit page: the signed-in person's views and
 * those others shared, and what can be done with them (apply, save the
 * current filter as a new view, share, make default, delete). Filters travel
 * in the log's query parameter form (`category=settings&event=update`), the
 * page's own address format. After each change the list is read again, since
 * one change can touch other views (a new default stops being the old one's).
 */
export const ViewsModel = createModel((deps: ViewsDeps) => {
  const views = signal<SavedView[]>([]);
  const status = signal<ViewsStatus>('idle');
  /** What went wrong with the last request, in the backend's words. */
  const error = signal<string | null>(null);
  /** The last thing that happened, for screen readers. */
  const notice = signal('');
  const open = signal(false);
  const busy = signal(false);
  const draftName = signal('');
  const draftShared = signal(false);
  const draftDefault = signal(false);
  /** The view whose deletion waits for a confirmation. */
  const confirmingDelete = signal<string | null>(null);
  const defaultView = computed(() => defaultViewOf(views.value));
  let loads = 0;

  async function load(): Promise<void> {
    const mine = ++loads;
    if (status.value !== 'ready') status.value = 'loading';
    const result = await deps.send('listViews', undefined);
    if (mine !== loads) return; // a later load answers for the newer list
    batch(() => {
      if (result.ok) {
        views.value = result.value;
        status.value = 'ready';
      } else {
        status.value = 'failed';
        error.value = result.error.message;
      }
    });
  }

  /** Runs one change, then reads the list again; null (with the reason shown) when the backend refused it. */
  async function change<T>(request: () => Promise<Result<T>>, done: string): Promise<T | null> {
    if (busy.value) return null;
    busy.value = true;
    error.value = null;
    try {
      const result = await request();
      if (!result.ok) {
        error.value = result.error.message;
        return null;
      }
      notice.value = done;
      await load();
      return result.value;
    } finally {
      busy.value = false;
    }
  }

  return {
    views,
    status,
    error,
    notice,
    open,
    busy,
    draftName,
    draftShared,
    draftDefault,
    confirmingDelete,
    defaultView,
    load,

    toggleOpen() {
      open.value = !open.value;
      if (open.value && status.value !== 'loading') void load();
    },

    close() {
      batch(() => {
        open.value = false;
        confirmingDelete.value = null;
      });
    },

    /** Saves `filter` (the page's current filter) under the name typed; the form empties once saved. */
    async saveAs(filter: string): Promise<SavedView | null> {
      const name = draftName.value.trim();
      if (!name) {
        error.value = 'Give the view a name.';
        return null;
      }
      const data = { name, filter, shared: draftShared.value, default: draftDefault.value };
      const saved = await change(() => deps.send('saveView', data), `Saved the view “${name}”.`);
      if (saved) {
        batch(() => {
          draftName.value = '';
          draftShared.value = false;
          draftDefault.value = false;
        });
      }
      return saved;
    },

    setShared(view: SavedView, shared: boolean) {
      const done = shared ? `“${view.name}” is shared with the workspace.` : `“${view.name}” is no longer shared.`;
      return change(() => deps.send('updateView', { id: view.id, patch: { shared } }), done);
    },

    setDefault(view: SavedView, isDefault: boolean) {
      const done = isDefault ? `The log now opens on “${view.name}”.` : `“${view.name}” is no longer your default view.`;
      return change(() => deps.send('updateView', { id: view.id, patch: { default: isDefault } }), done);
    },

    askDelete(view: SavedView) {
      confirmingDelete.value = view.id;
    },

    cancelDelete() {
      confirmingDelete.value = null;
    },

    async confirmDelete(view: SavedView) {
      confirmingDelete.value = null;
      return change(() => deps.send('deleteView', { id: view.id }), `Deleted the view “${view.name}”.`);
    },

    /**
     * The filter the page opens on: the address's own when it has one,
     * otherwise the person's default view (as their role reads it), otherwise
     * none (null: keep the address as it is).
     */
    async openingFilter(addressFilter: string): Promise<string | null> {
      if (hasFilter(addressFilter)) return null;
      if (status.value !== 'ready') await load();
      return defaultView.value?.readableFilter ?? null;
    },
  };
});

export type ViewsModel = InstanceType<typeof ViewsModel>;

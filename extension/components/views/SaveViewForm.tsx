import type { ViewsModel } from '../../lib/views/views-model';

/** "Save current filter as…": a name, whether to share it, whether the log opens on it. */
export function SaveViewForm({ model, filter }: { model: ViewsModel; filter: string }) {
  return (
    <form
      class="views__save"
      data-testid="view-save-form"
      onSubmit={(e) => {
        e.preventDefault();
        void model.saveAs(filter);
      }}
    >
      <label>
        Save current filter as{' '}
        <input
          type="text"
          data-testid="view-name"
          maxLength={120}
          required
          value={model.draftName.value}
          onInput={(e) => (model.draftName.value = e.currentTarget.value)}
        />
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="view-new-shared"
          checked={model.draftShared.value}
          onChange={(e) => (model.draftShared.value = e.currentTarget.checked)}
        />{' '}
        Share with the workspace
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="view-new-default"
          checked={model.draftDefault.value}
          onChange={(e) => (model.draftDefault.value = e.currentTarget.checked)}
        />{' '}
        Open the log on it
      </label>
      <button type="submit" data-testid="view-save" disabled={model.busy.value}>
        Save view
      </button>
    </form>
  );
}

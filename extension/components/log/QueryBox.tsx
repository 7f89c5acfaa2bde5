import type { RefObject } from 'preact';
import type { LogModel } from '../../lib/log/log-model';

/**
 * The search box: the filter as qualifiers (`actor:"Ana Ruiz" -event:login
 * after:2026-11-01`) plus free text. Enter applies it; a malformed query
 * says what is wrong and marks where.
 */
export function QueryBox({ model, inputRef }: { model: LogModel; inputRef: RefObject<HTMLInputElement | null> }) {
  const { text, queryError } = model.editor;
  const error = queryError.value;
  const value = text.value;
  return (
    <form
      class="query-box"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        model.editor.applyText();
      }}
    >
      <label for="log-query">Search</label>
      <input
        id="log-query"
        ref={inputRef}
        type="search"
        data-testid="log-query"
        autoComplete="off"
        spellcheck={false}
        placeholder='actor:"Ana Ruiz" section:business_rule -event:login after:2026-11-01'
        aria-describedby={error ? 'log-query-error' : 'log-query-hint'}
        aria-invalid={error ? true : undefined}
        value={value}
        onInput={(event) => model.editor.editText(event.currentTarget.value)}
      />
      <button type="submit" data-testid="log-query-apply">
        Search
      </button>
      {error ? (
        <p id="log-query-error" class="query-box__error" role="alert" data-testid="log-query-error">
          {error.message} (at character {error.start + 1}):{' '}
          <code>
            {value.slice(0, error.start)}
            <mark>{value.slice(error.start, Math.max(error.end, error.start + 1)) || ' '}</mark>
            {value.slice(Math.max(error.end, error.start + 1))}
          </code>
        </p>
      ) : (
        <p id="log-query-hint" class="options__hint query-box__hint">
          Qualifiers: actor:, kind:, type:, section:, event:, property:, conversation:, customer:, after:, before:; a leading - excludes; other
          words search the text. Press / to come here.
        </p>
      )}
    </form>
  );
}

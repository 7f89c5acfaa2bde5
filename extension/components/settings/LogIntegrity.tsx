/** The place the log's tamper evidence will be shown; until the backend offers it, the page says so and shows nothing else. */
export function LogIntegrity() {
  return (
    <section class="settings__block" aria-labelledby="integrity-title" data-testid="settings-integrity">
      <h3 id="integrity-title">Log integrity</h3>
      <p class="options__hint">
        Not available yet: this backend does not yet sign or chain its audit rows, so there is no integrity check to show.
      </p>
    </section>
  );
}

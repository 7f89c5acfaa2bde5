/** @jsxImportSource hono/jsx */
import type { Viewer } from './guard';
import { Layout } from './layout';

const TEXT: Record<number, { title: string; body: string }> = {
  400: { title: 'That request was not understood', body: 'A link or form sent something this page cannot use.' },
  403: {
    title: 'That was not allowed',
    body: 'Either your role does not allow it, or the form was sent from another site. Go back, reload the page and try again.',
  },
  404: { title: 'Not found', body: 'There is nothing here. It may have been deleted, or it belongs to another workspace.' },
  413: { title: 'Too much at once', body: 'That form was too large to accept.' },
  415: { title: 'That request was not understood', body: 'Workspace forms are sent as ordinary HTML forms.' },
  500: { title: 'Something went wrong on our side', body: 'It has been logged. Please try again in a moment.' },
};

/** One page for every failure: what happened in plain words, and a way back. Never a stack trace. */
export function ErrorPage({ status, viewer, detail }: { status: number; viewer?: Viewer | undefined; detail?: string }) {
  const text = TEXT[status] ?? TEXT[500]!;
  return (
    <Layout title={text.title} viewer={viewer}>
      <main class="narrow" data-testid="error-page" data-status={String(status)}>
        <div class="card">
          <h1>{text.title}</h1>
          <p>{detail ?? text.body}</p>
          <p>
            <a class="button secondary" href="/workspace">
              Back to customers
            </a>
          </p>
        </div>
      </main>
    </Layout>
  );
}

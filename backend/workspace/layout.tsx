/** @jsxImportSource hono/jsx */
import { readFileSync } from 'node:fs';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Viewer } from './guard';

// Inlined rather than linked: one request per page, and a saved page (or the
// extension's test pages) still looks right.
const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

interface LayoutProps {
  title: string;
  viewer?: Viewer | undefined;
  children: Child;
  /** Small scripts that enhance forms; every form works without them. */
  script?: string;
}

/** The page around every workspace screen: the header with the workspace and who is signed in. */
export function Layout({ title, viewer, children, script }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${viewer?.orgName ?? 'Auditdesk'}`}</title>
        <style>{raw(css)}</style>
      </head>
      <body>
        <header class="topbar">
          <a class="brand" href="/workspace" data-testid="workspace-name">
            {viewer ? (
              <>
                {viewer.orgName}
                <small>Auditdesk</small>
              </>
            ) : (
              'Auditdesk'
            )}
          </a>
          {viewer ? (
            <>
              <nav aria-label="Workspace">
                <a href="/workspace">Customers</a>
              </nav>
              <div class="who">
                <span>
                  <span data-testid="signed-in-user">{viewer.name}</span> <span class="role">({viewer.role})</span>
                </span>
                <form method="post" action="/workspace/logout">
                  <button type="submit" data-testid="logout">
                    Sign out
                  </button>
                </form>
              </div>
            </>
          ) : null}
        </header>
        {children}
        {script ? <script>{raw(script)}</script> : null}
      </body>
    </html>
  );
}

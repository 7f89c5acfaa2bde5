import { batch, computed, createModel, effect, signal, untracked } from '@preact/signals';
import type { AuditEvent } from '../../../shared/audit-event';
import type { Role } from '../../../shared/enums';
import { canRestore } from '../../../shared/restorable';
import type { DetectedSubjects } from '../subject/detect';
import type { PanelDeps } from './deps';
import { clipboardText } from './format';
import { createHistory } from './history';
import { subscribeLive, type LiveStatus } from './live';
import { createNames } from './names';
import { createRestore } from './restore';
import { createSummaries } from './summaries';
import { parseSubjectKey, subjectKey } from '../live/subject-key';
import { availableTabs, type Tab } from './subjects';
import { createSubjectPins } from '../watches/subject-pins';

/** How long the "Copied" confirmation stays. */
const COPIED_MS = 1_500;
/** Relative dates ("5 minutes ago") are refreshed this often while the panel is open. */
const CLOCK_MS = 30_000;

const NO_SUBJECT: DetectedSubjects = { customerId: null, conversationId: null };

/**
 * The audit panel's state: which subject is on screen, whether the panel is
 * open, the history shown, the live connection and the restore dialog.
 * Components read its signals and call its actions; nothing else holds state.
 */
export const PanelModel = createModel((deps: PanelDeps) => {
  const detected = signal<DetectedSubjects>(NO_SUBJECT);
  const open = signal(false);
  /** Set when the agent opens the panel, so its title takes the focus (not when reopened on page load). */
  const focusRequested = signal(false);
  const chosenTab = signal<Tab | null>(null);
  const summaries = createSummaries(deps);
  const live = signal<LiveStatus>('connecting');
  const now = signal(deps.now());
  const announcement = signal('');
  /** `${eventId}:before|after` of the value just copied. */
  const copied = signal<string | null>(null);
  /** Event ids whose whole Before/After values are shown. */
  const expanded = signal<ReadonlySet<string>>(new Set());

  const hasSubject = computed(() => detected.value.customerId !== null || detected.value.conversationId !== null);
  const tabs = computed(() => {
    const conversationId = detected.value.conversationId;
    const conversation = conversationId ? summaries.byKey.value[subjectKey({ type: 'conversation', id: conversationId })] : undefined;
    return availableTabs(detected.value, conversation);
  });
  const activeKey = computed(() => {
    const chosen = tabs.value.find((entry) => entry.tab === chosenTab.value) ?? tabs.value[0];
    return chosen ? subjectKey({ type: chosen.tab, id: chosen.id }) : '';
  });
  const activeTab = computed(() => parseSubjectKey(activeKey.value)?.type ?? null);
  const subject = computed(() => parseSubjectKey(activeKey.value));
  const title = computed(() => {
    const current = subject.value;
    if (!current) return '';
    return summaries.byKey.value[subjectKey(current)]?.label ?? (current.type === 'customer' ? 'Customer' : 'Conversation');
  });

  const history = createHistory(deps, subject, open);
  const names = createNames(deps);
  const announceNew = (added: AuditEvent[]) => {
    if (added.length > 0) announcement.value = added.length === 1 ? '1 new change' : `${added.length} new changes`;
  };
  /** The signed-in user's role, learnt as the panel opens: restore is offered only where it allows. */
  const role = signal<Role | null>(null);
  const loadRole = async () => {
    try {
      const session = await deps.send('getSession', undefined);
      role.value = session.status === 'signed_in' ? session.user.role : null;
    } catch {
      role.value = null;
    }
  };
  /**
   * Whether the panel offers to restore an event: the backend's own rule for
   * the signed-in role. A computed function, so rows showing its answer
   * follow the role (the model's methods run untracked).
   */
  const mayRestore = computed(() => {
    const current = role.value;
    return (event: AuditEvent) => current !== null && canRestore(event, current);
  });
  /** Pinning watches is open to every signed-in person (the backend scopes what a watch may match). */
  const mayWatch = computed(() => role.value !== null);
  const pins = createSubjectPins(
    {
      createWatch: (data) => deps.send('createWatch', data),
      listWatches: () => deps.send('listWatches', undefined),
      deleteWatch: (id) => deps.send('deleteWatch', { id }),
      notificationPrompt: deps.notificationPrompt,
    },
    subject,
  );
  const restore = createRestore(deps, (event) => mayRestore.peek()(event), (written, event) => {
    history.receive(written);
    announcement.value = `Restored the previous ${event.property ?? 'value'}`;
  });

  /** Starts over after a failure: the subjects' names and the history. */
  const recover = () => {
    void loadRole();
    summaries.clear();
    void history.reload();
  };

  effect(() => {
    if (open.value) untracked(() => void loadRole());
  });

  // What the person watches already, as the panel opens signed in: shown as watched, with Stop watching.
  effect(() => {
    if (open.value && role.value !== null) untracked(() => void pins.load());
  });

  // Names the subjects on screen (and learns a conversation's customer) while the panel is open.
  effect(() => {
    if (!open.value) return;
    const { conversationId } = detected.value;
    if (conversationId) void summaries.load({ type: 'conversation', id: conversationId });
    for (const entry of tabs.value) if (entry.tab === 'customer') void summaries.load({ type: 'customer', id: entry.id });
  });

  // Names the ids the history shows: one request per page loaded, and per live event bringing ids not seen yet.
  effect(() => {
    const items = history.items.value;
    untracked(() => void names.learn(items));
  });

  // The live subscription lives exactly as long as the open panel's subject.
  effect(() => {
    const current = subject.value;
    if (!open.value || !current) return;
    return subscribeLive(deps.connectLive, current, {
      onEvent: (event) => announceNew(history.receive([event])),
      onStatus: (status) => {
        const wasDown = live.peek() !== 'live';
        live.value = status;
        // Signed out in the popup, elsewhere, or by the server: the history goes with the session.
        if (status === 'signed_out') {
          role.value = null;
          history.signOut();
          names.clear();
        }
        // Back online or signed in again (the stream reconnects with the new session): reload what failed.
        else if (status === 'live' && wasDown && ['signed_out', 'offline', 'error'].includes(history.status.peek())) recover();
      },
    });
  });

  effect(() => {
    if (!open.value) return;
    now.value = deps.now();
    const timer = setInterval(() => (now.value = deps.now()), CLOCK_MS);
    return () => clearInterval(timer);
  });

  let copiedTimer: ReturnType<typeof setTimeout> | undefined;
  effect(() => () => clearTimeout(copiedTimer));

  const setOpen = (value: boolean) => {
    open.value = value;
    void deps.openState.setValue(value);
  };

  return {
    detected,
    hasSubject,
    open,
    focusRequested,
    tabs,
    activeTab,
    subject,
    title,
    live,
    now,
    announcement,
    copied,
    expanded,
    history,
    names,
    restore,
    mayRestore,
    pins,
    mayWatch,

    /** Reopens the panel if it was open when the agent last left a page. */
    async restoreOpenState() {
      open.value = await deps.openState.getValue();
    },
    /** The page now shows other subjects (or none): start over on the default tab. */
    setDetected(next: DetectedSubjects) {
      const current = detected.peek();
      if (current.customerId === next.customerId && current.conversationId === next.conversationId) return;
      batch(() => {
        detected.value = next;
        chosenTab.value = null;
        history.forgetSubject();
        pins.forget();
      });
    },
    toggle() {
      const opening = !open.peek();
      focusRequested.value = opening;
      setOpen(opening);
    },
    focusHandled() {
      focusRequested.value = false;
    },
    close() {
      setOpen(false);
    },
    selectTab(tab: Tab) {
      if (tab === activeTab.peek()) return;
      batch(() => {
        chosenTab.value = tab;
        history.forgetSubject();
        pins.forget();
      });
    },
    /** Tries the failed request again (and the subject names with it). */
    retry() {
      recover();
    },
    /** Reloads after signing in or reconnecting, if that is what the history was waiting for. */
    refreshIfBlocked() {
      if (open.peek() && (history.status.peek() === 'signed_out' || history.status.peek() === 'offline')) recover();
    },
    toggleExpanded(eventId: string) {
      const next = new Set(expanded.peek());
      if (!next.delete(eventId)) next.add(eventId);
      expanded.value = next;
    },
    async copy(event: AuditEvent, side: 'before' | 'after') {
      try {
        await deps.writeClipboard(clipboardText(event[side]));
      } catch {
        announcement.value = 'Could not copy to the clipboard';
        return;
      }
      copied.value = `${event.id}:${side}`;
      announcement.value = 'Copied';
      clearTimeout(copiedTimer);
      copiedTimer = setTimeout(() => (copied.value = null), COPIED_MS);
    },
  };
});

export type PanelModel = InstanceType<typeof PanelModel>;

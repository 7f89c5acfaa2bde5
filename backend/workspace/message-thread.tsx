/** @jsxImportSource hono/jsx */
import type { FieldErrors } from './form-data';
import { formatTime } from './format';
import type { MessageRow } from './queries';
import { controlProps, Field, FormErrors } from './ui';

/** What the composer shows again when a message is refused. */
export interface ComposerState {
  body: string;
  direction: string;
}

export const EMPTY_COMPOSER: ComposerState = { body: '', direction: 'out' };

/** The conversation's messages, oldest first, with the composer underneath. */
export function MessageThread(props: { conversationId: string; messages: MessageRow[]; composer: ComposerState; errors?: FieldErrors | undefined }) {
  return (
    <>
      {props.messages.length === 0 ? <p class="empty">No messages yet.</p> : null}
      <div class="thread" data-testid="messages">
        {props.messages.map((message) => (
          <article
            class={`message ${message.direction}${message.redactedAt ? ' redacted' : ''}`}
            data-testid="message"
            data-message-id={message.id}
            data-direction={message.direction}
          >
            <header>
              <strong data-testid="message-author">{message.author.name}</strong>
              <span>
                {message.direction === 'in' ? 'Customer' : 'Reply'} · {message.channel} · {formatTime(message.createdAt)}
              </span>
            </header>
            <p data-testid="message-body">{message.redactedAt ? 'This message was redacted.' : message.body}</p>
          </article>
        ))}
      </div>
      <Composer conversationId={props.conversationId} state={props.composer} errors={props.errors} />
    </>
  );
}

function Composer({ conversationId, state, errors }: { conversationId: string; state: ComposerState; errors?: FieldErrors | undefined }) {
  return (
    <form method="post" action={`/workspace/conversations/${conversationId}/messages`} class="stacked" data-testid="composer" novalidate>
      <FormErrors errors={errors} />
      <Field name="body" label="New message" errors={errors}>
        <textarea {...controlProps('body', errors)} rows={4} placeholder="Write a reply…">
          {state.body}
        </textarea>
      </Field>
      <div class="actions">
        <select name="direction" aria-label="Who the message is from" data-testid="input-direction">
          <option value="out" selected={state.direction !== 'in'}>
            Reply to the customer
          </option>
          <option value="in" selected={state.direction === 'in'}>
            Log a message from the customer
          </option>
        </select>
        <button type="submit" data-testid="send-message">
          Add message
        </button>
      </div>
    </form>
  );
}

import type { AuditEvent, AuditPage } from '../../../shared/audit-event';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: string;
  orgId: string;
}

/** A plain fetch of the backend over HTTP, as one signed-in person (bearer token). */
export class ApiClient {
  private constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly user: SignedInUser,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<ApiClient> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { token: string; user: SignedInUser };
    return new ApiClient(baseUrl, body.token, body.user);
  }

  /** The raw response, for tests about status codes. */
  request(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** The JSON body of a 2xx answer; anything else throws with the backend's message. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** The first page of a conversation's history, as the panel asks for it (newest first). */
  conversationHistory(id: string, query = ''): Promise<AuditPage> {
    return this.json('GET', `/api/v1/conversations/${id}/audit${query ? `?${query}` : ''}`);
  }

  /** The newest row of a conversation's history that changed `property`. */
  async newestChangeOf(conversationId: string, property: string): Promise<AuditEvent> {
    const event = (await this.conversationHistory(conversationId)).items.find((item) => item.property === property);
    if (!event) throw new Error(`no ${property} change in the history of ${conversationId}`);
    return event;
  }

  getConversation(id: string): Promise<Conversation> {
    return this.json('GET', `/api/v1/conversations/${id}`);
  }

  patchConversation(id: string, patch: Record<string, unknown>): Promise<Conversation> {
    return this.json('PATCH', `/api/v1/conversations/${id}`, patch);
  }
}

export interface Conversation {
  id: string;
  name: string;
  customerId: string;
  status: string;
  priority: string;
  tags: string[];
}

export type { AuditEvent };

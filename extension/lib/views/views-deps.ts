import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import type { ProtocolMap } from '../messaging/protocol';

/** The messages the saved views menu sends to the background. */
export type ViewsRequest = 'listViews' | 'saveView' | 'updateView' | 'deleteView';

/** Sends one protocol message to the background (the messenger's `sendMessage`). */
export type ViewsSend = <K extends ViewsRequest>(type: K, data: GetDataType<ProtocolMap[K]>) => Promise<GetReturnType<ProtocolMap[K]>>;

/** Everything the views model touches outside itself. */
export interface ViewsDeps {
  send: ViewsSend;
}

import type * as v from 'valibot';
import type { WatchCreate } from '../../../shared/schemas/watches';

/** A createWatch message's data: the backend's WatchCreate, defaults (`includeOwn`, `paused`: false) left out. */
export type WatchCreateRequest = v.InferInput<typeof WatchCreate>;

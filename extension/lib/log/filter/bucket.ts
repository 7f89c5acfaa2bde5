/** The activity chart's bucket: the API counts events per minute, hour or UTC day. */
export type Bucket = 'minute' | 'hour' | 'day';

/** The API answers at most this many buckets. */
export const MAX_BUCKETS = 1_000;

/** How long each bucket is. Buckets start on whole minutes, hours and UTC days. */
export const BUCKET_MS: Record<Bucket, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const FINEST_FIRST: Bucket[] = ['minute', 'hour', 'day'];

/** How many buckets of `bucket` the range [fromMs, toMs) touches, counting partial ones at either end. */
export function bucketCount(fromMs: number, toMs: number, bucket: Bucket): number {
  if (toMs <= fromMs) return 1;
  const size = BUCKET_MS[bucket];
  return Math.floor((toMs - 1) / size) - Math.floor(fromMs / size) + 1;
}

/**
 * The finest bucket that shows the range [fromMs, toMs) in at most 1,000
 * bars; days when even days are more than that.
 */
export function bucketFor(fromMs: number, toMs: number): Bucket {
  return FINEST_FIRST.find((bucket) => bucketCount(fromMs, toMs, bucket) <= MAX_BUCKETS) ?? 'day';
}

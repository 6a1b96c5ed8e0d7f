// How a configuration source's latest value reaches readers (no I/O here): the stored content with
// when it was first seen (its last change) and last confirmed unchanged. Rarely-changing sources
// store a row only when their content changes (lib/server/collectors/snapshot-store.ts).
export interface SnapshotLatest<T> {
  since: string;
  lastSeenAt: string;
  content: T;
}

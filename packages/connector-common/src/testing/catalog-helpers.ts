/** Builds the inputs a platform would hand a source: configured catalogs and `--state` arrays. */
import {recordStreamKey, streamKey} from './checks/common';
import type {
  AirbyteCatalog,
  AirbyteMessage,
  ConfiguredAirbyteCatalog,
  ConfiguredAirbyteStream,
  StreamStateInput,
  SyncMode,
} from './protocol-schemas';

export interface BuildCatalogOptions {
  /**
   * `incremental`: incremental for streams that support it, full_refresh for the rest (what a
   * user gets by picking incremental wherever offered). `full_refresh`: full refresh everywhere.
   */
  syncMode: SyncMode;
  /** Only these stream names (default: all discovered streams). */
  streams?: readonly string[];
}

export function buildConfiguredCatalog(
  catalog: AirbyteCatalog,
  options: BuildCatalogOptions
): ConfiguredAirbyteCatalog {
  const wanted = options.streams;
  const missing = (wanted ?? []).filter((name) => !catalog.streams.some((s) => s.name === name));
  if (missing.length > 0) {
    throw new Error(`streams ${missing.join(', ')} are not in the discovered catalog`);
  }
  const streams = catalog.streams
    .filter((stream) => wanted === undefined || wanted.includes(stream.name))
    .map((stream): ConfiguredAirbyteStream => {
      const incremental =
        options.syncMode === 'incremental' && stream.supported_sync_modes.includes('incremental');
      const configured: ConfiguredAirbyteStream = {
        stream,
        sync_mode: incremental ? 'incremental' : 'full_refresh',
        destination_sync_mode: 'append',
      };
      if (incremental && stream.default_cursor_field !== undefined) {
        configured.cursor_field = stream.default_cursor_field;
      }
      if (stream.source_defined_primary_key !== undefined) {
        configured.primary_key = stream.source_defined_primary_key;
      }
      return configured;
    });
  return {streams};
}

export function incrementalStreamNames(catalog: ConfiguredAirbyteCatalog): string[] {
  return catalog.streams.filter((s) => s.sync_mode === 'incremental').map((s) => s.stream.name);
}

/**
 * The `--state` array the platform would pass next: the last STREAM state of each stream, as
 * of message `upTo` (inclusive; default: the end). sourceStats are dropped, as the platform does.
 */
export function lastStatePerStream(
  messages: readonly AirbyteMessage[],
  upTo?: number
): StreamStateInput[] {
  const last = new Map<string, StreamStateInput>();
  messages.slice(0, upTo === undefined ? undefined : upTo + 1).forEach((message) => {
    if (
      message.type !== 'STATE' ||
      message.state.type !== 'STREAM' ||
      message.state.stream === undefined
    )
      return;
    const {stream_descriptor, stream_state} = message.state.stream;
    last.set(streamKey(stream_descriptor), {
      type: 'STREAM',
      stream: {stream_descriptor, stream_state: stream_state ?? null},
    });
  });
  return [...last.values()];
}

export function countRecordsByStream(messages: readonly AirbyteMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    if (message.type !== 'RECORD') continue;
    const key = recordStreamKey(message.record);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface Checkpoint {
  /** Index of the STATE message in the read's messages. */
  index: number;
  /** Records of the stream emitted up to and including this checkpoint (sum of recordCount). */
  cumulativeRecords: number;
}

/**
 * The stream's checkpoints a resume can start from, as CAT's sequential-slices test sees them:
 * states that repeat the previous blob or cover no records are skipped.
 */
export function checkpointsOf(messages: readonly AirbyteMessage[], stream: string): Checkpoint[] {
  const checkpoints: Checkpoint[] = [];
  let cumulative = 0;
  let previousBlob: string | undefined;
  messages.forEach((message, index) => {
    if (message.type !== 'STATE' || message.state.stream === undefined) return;
    if (streamKey(message.state.stream.stream_descriptor) !== stream) return;
    const count = message.state.sourceStats?.recordCount ?? 0;
    cumulative += count;
    const blob = JSON.stringify(message.state.stream.stream_state);
    if (blob !== previousBlob && count > 0)
      checkpoints.push({index, cumulativeRecords: cumulative});
    previousBlob = blob;
  });
  return checkpoints;
}

/**
 * The checkpoint in the middle of a read (not the last, which resumes nothing); undefined when
 * the stream checkpointed fewer than twice.
 */
export function middleCheckpoint(checkpoints: readonly Checkpoint[]): Checkpoint | undefined {
  if (checkpoints.length < 2) return undefined;
  return checkpoints[Math.floor((checkpoints.length - 1) / 2)];
}

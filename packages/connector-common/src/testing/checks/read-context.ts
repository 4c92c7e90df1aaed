import type {ValidateFunction} from 'ajv';

import {compileDraft07} from '../json-schema-tools';
import type {
  AirbyteMessage,
  ConfiguredAirbyteCatalog,
  ConfiguredAirbyteStream,
  StreamStateInput,
} from '../protocol-schemas';
import {streamKey} from './common';

export interface ReadCheckOptions {
  /** The catalog passed with `--catalog`. */
  catalog: ConfiguredAirbyteCatalog;
  exitCode: number;
  /** The states passed with `--state`, if any: emitted cursors must not fall behind them. */
  inputState?: readonly StreamStateInput[];
}

export interface ConfiguredStreamInfo {
  key: string;
  configured: ConfiguredAirbyteStream;
  validate?: ValidateFunction;
  cursorKeys: string[];
}

/** What every READ rule needs: the configured streams by key and whether the run failed. */
export interface ReadContext {
  messages: readonly AirbyteMessage[];
  streams: Map<string, ConfiguredStreamInfo>;
  options: ReadCheckOptions;
  /** A TRACE ERROR was emitted or the exit code was non-zero. */
  failed: boolean;
}

export function buildReadContext(
  messages: readonly AirbyteMessage[],
  options: ReadCheckOptions
): ReadContext {
  const streams = new Map<string, ConfiguredStreamInfo>();
  for (const configured of options.catalog.streams) {
    const key = streamKey(configured.stream);
    const cursor = configured.cursor_field ?? configured.stream.default_cursor_field ?? [];
    streams.set(key, {
      key,
      configured,
      validate: compileDraft07(configured.stream.json_schema).validate,
      cursorKeys: cursor.slice(-1),
    });
  }
  const hasError = messages.some((m) => m.type === 'TRACE' && m.trace.type === 'ERROR');
  return {messages, streams, options, failed: hasError || options.exitCode !== 0};
}

export function describeConfigured(ctx: ReadContext): string {
  return [...ctx.streams.keys()].map((k) => `"${k}"`).join(', ');
}

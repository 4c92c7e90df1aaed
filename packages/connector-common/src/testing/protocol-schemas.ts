/**
 * zod schemas for the Airbyte protocol v0 messages a source emits, written from the protocol
 * YAML (airbyte-protocol v0.18.0). Every object is loose because the protocol says consumers
 * must ignore unknown fields. The YAML does not tie an envelope's `type` to its payload field;
 * these schemas do (type RECORD => `record` present and no other payload field), because the
 * platform reads only the field the type names and silently drops the rest.
 */
import {z} from 'zod';

const jsonObject = z.record(z.string(), z.unknown());

export const streamDescriptorSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().optional(),
});

export const syncModeSchema = z.enum(['full_refresh', 'incremental']);
export const destinationSyncModeSchema = z.enum([
  'append',
  'overwrite',
  'append_dedup',
  'update',
  'soft_delete',
]);

export const recordSchema = z.looseObject({
  stream: z.string().min(1),
  namespace: z.string().optional(),
  data: jsonObject,
  emitted_at: z.number().int(),
  meta: z
    .looseObject({
      changes: z
        .array(
          z.looseObject({
            field: z.string(),
            change: z.enum(['NULLED', 'TRUNCATED']),
            reason: z.string(),
          })
        )
        .optional(),
    })
    .optional(),
});

export const stateStatsSchema = z.looseObject({
  recordCount: z.number().nonnegative().optional(),
  rejectedRecordCount: z.number().nonnegative().optional(),
});

export const streamStateSchema = z.looseObject({
  stream_descriptor: streamDescriptorSchema,
  // The protocol types the blob as an object; an input state may carry null ("reset this stream").
  stream_state: jsonObject.nullable().optional(),
});

export const stateSchema = z
  .looseObject({
    // Missing means LEGACY (protocol); the READ checks reject both, the schema only parses.
    type: z.enum(['GLOBAL', 'STREAM', 'LEGACY']).optional(),
    stream: streamStateSchema.optional(),
    global: z
      .looseObject({
        shared_state: jsonObject.nullable().optional(),
        stream_states: z.array(streamStateSchema),
      })
      .optional(),
    data: jsonObject.optional(),
    sourceStats: stateStatsSchema.optional(),
    destinationStats: stateStatsSchema.optional(),
  })
  .superRefine((state, ctx) => {
    if (state.type === 'STREAM' && state.stream === undefined) {
      ctx.addIssue({code: 'custom', path: ['stream'], message: 'a STREAM state needs `stream`'});
    }
    if (state.type === 'GLOBAL' && state.global === undefined) {
      ctx.addIssue({code: 'custom', path: ['global'], message: 'a GLOBAL state needs `global`'});
    }
  });

export const logSchema = z.looseObject({
  level: z.enum(['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']),
  message: z.string(),
  stack_trace: z.string().optional(),
});

export const connectorSpecificationSchema = z.looseObject({
  documentationUrl: z.url().optional(),
  changelogUrl: z.url().optional(),
  connectionSpecification: jsonObject,
  supportsIncremental: z.boolean().optional(),
  protocol_version: z.string().optional(),
  advanced_auth: jsonObject.optional(),
});

export const connectionStatusSchema = z.looseObject({
  status: z.enum(['SUCCEEDED', 'FAILED']),
  message: z.string().optional(),
});

export const airbyteStreamSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().optional(),
  json_schema: jsonObject,
  supported_sync_modes: z.array(syncModeSchema).min(1),
  source_defined_cursor: z.boolean().optional(),
  default_cursor_field: z.array(z.string()).optional(),
  source_defined_primary_key: z.array(z.array(z.string())).optional(),
  is_resumable: z.boolean().optional(),
  is_file_based: z.boolean().optional(),
});

export const catalogSchema = z.looseObject({streams: z.array(airbyteStreamSchema)});

export const configuredStreamSchema = z.looseObject({
  stream: airbyteStreamSchema,
  sync_mode: syncModeSchema,
  destination_sync_mode: destinationSyncModeSchema,
  cursor_field: z.array(z.string()).optional(),
  primary_key: z.array(z.array(z.string())).optional(),
  generation_id: z.number().int().optional(),
  minimum_generation_id: z.number().int().optional(),
  sync_id: z.number().int().optional(),
});

export const configuredCatalogSchema = z.looseObject({streams: z.array(configuredStreamSchema)});

export const failureTypeSchema = z.enum(['system_error', 'config_error', 'transient_error']);
export const streamStatusSchema = z.enum(['STARTED', 'RUNNING', 'COMPLETE', 'INCOMPLETE']);

export const errorTraceSchema = z.looseObject({
  message: z.string(),
  internal_message: z.string().optional(),
  stack_trace: z.string().optional(),
  failure_type: failureTypeSchema.optional(),
  stream_descriptor: streamDescriptorSchema.optional(),
});

export const streamStatusTraceSchema = z.looseObject({
  stream_descriptor: streamDescriptorSchema,
  status: streamStatusSchema,
  reasons: z
    .array(
      z.looseObject({
        type: z.enum(['RATE_LIMITED']),
        rate_limited: z.looseObject({quota_reset: z.number().int().optional()}).optional(),
      })
    )
    .optional(),
});

export const estimateTraceSchema = z.looseObject({
  name: z.string(),
  type: z.enum(['STREAM', 'SYNC']),
  namespace: z.string().optional(),
  row_estimate: z.number().int().optional(),
  byte_estimate: z.number().int().optional(),
});

export const analyticsTraceSchema = z.looseObject({type: z.string(), value: z.string().optional()});

/** Trace payload field per trace type; like the envelope, exactly the named one must be present. */
const TRACE_PAYLOAD = {
  ERROR: 'error',
  STREAM_STATUS: 'stream_status',
  ESTIMATE: 'estimate',
  ANALYTICS: 'analytics',
} as const;

const traceBase = {emitted_at: z.number()};

export const traceSchema = z
  .discriminatedUnion('type', [
    z.looseObject({type: z.literal('ERROR'), ...traceBase, error: errorTraceSchema}),
    z.looseObject({
      type: z.literal('STREAM_STATUS'),
      ...traceBase,
      stream_status: streamStatusTraceSchema,
    }),
    z.looseObject({type: z.literal('ESTIMATE'), ...traceBase, estimate: estimateTraceSchema}),
    z.looseObject({type: z.literal('ANALYTICS'), ...traceBase, analytics: analyticsTraceSchema}),
  ])
  .superRefine((trace, ctx) => rejectForeignPayloads(trace, TRACE_PAYLOAD, ctx));

export const controlSchema = z.looseObject({
  type: z.literal('CONNECTOR_CONFIG'),
  emitted_at: z.number(),
  connectorConfig: z.looseObject({config: jsonObject}),
});

/** Envelope payload field per message type (note the camelCase `connectionStatus`). */
export const MESSAGE_PAYLOAD = {
  RECORD: 'record',
  STATE: 'state',
  LOG: 'log',
  SPEC: 'spec',
  CONNECTION_STATUS: 'connectionStatus',
  CATALOG: 'catalog',
  TRACE: 'trace',
  CONTROL: 'control',
  DESTINATION_CATALOG: 'destination_catalog',
} as const;

export const airbyteMessageSchema = z
  .discriminatedUnion('type', [
    z.looseObject({type: z.literal('RECORD'), record: recordSchema}),
    z.looseObject({type: z.literal('STATE'), state: stateSchema}),
    z.looseObject({type: z.literal('LOG'), log: logSchema}),
    z.looseObject({type: z.literal('SPEC'), spec: connectorSpecificationSchema}),
    z.looseObject({type: z.literal('CONNECTION_STATUS'), connectionStatus: connectionStatusSchema}),
    z.looseObject({type: z.literal('CATALOG'), catalog: catalogSchema}),
    z.looseObject({type: z.literal('TRACE'), trace: traceSchema}),
    z.looseObject({type: z.literal('CONTROL'), control: controlSchema}),
  ])
  .superRefine((message, ctx) => rejectForeignPayloads(message, MESSAGE_PAYLOAD, ctx));

function rejectForeignPayloads(
  value: {type: string} & Record<string, unknown>,
  payloads: Record<string, string>,
  ctx: z.RefinementCtx
): void {
  const own = payloads[value.type];
  for (const field of Object.values(payloads)) {
    if (field !== own && value[field] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `type ${value.type} carries only \`${own}\`; remove \`${field}\``,
      });
    }
  }
}

export type AirbyteMessage = z.infer<typeof airbyteMessageSchema>;
export type AirbyteMessageType = AirbyteMessage['type'];
export type MessageOf<T extends AirbyteMessageType> = Extract<AirbyteMessage, {type: T}>;
export type AirbyteRecord = z.infer<typeof recordSchema>;
export type AirbyteState = z.infer<typeof stateSchema>;
export type AirbyteTrace = z.infer<typeof traceSchema>;
export type AirbyteStream = z.infer<typeof airbyteStreamSchema>;
export type AirbyteCatalog = z.infer<typeof catalogSchema>;
export type ConfiguredAirbyteStream = z.infer<typeof configuredStreamSchema>;
export type ConfiguredAirbyteCatalog = z.infer<typeof configuredCatalogSchema>;
export type StreamDescriptor = z.infer<typeof streamDescriptorSchema>;
export type SyncMode = z.infer<typeof syncModeSchema>;

/** One element of a `--state` file as the platform writes it (a JSON array of these). */
export interface StreamStateInput {
  type: 'STREAM';
  stream: {stream_descriptor: StreamDescriptor; stream_state: Record<string, unknown> | null};
}

/** Formats zod issues as `path: reason` strings, the path rooted at the message. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${path === '' ? '(message)' : path}: ${issue.message}`;
  });
}

/**
 * READ stream-status rules (CAT validate_stream_statuses): per configured stream STARTED, then
 * RUNNING before the first record, then COMPLETE on success or INCOMPLETE when the stream failed;
 * nothing of the stream after its terminal status.
 */
import {at, recordStreamKey, streamKey} from './common';
import {describeConfigured, type ReadContext} from './read-context';

type Status = 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE';

interface StreamTimeline {
  statuses: Array<{index: number; status: Status}>;
  records: number[];
  /** A TRACE ERROR names this stream. */
  errored: boolean;
}

export function checkStreamStatuses(ctx: ReadContext): string[] {
  const violations: string[] = [];
  const timelines = new Map<string, StreamTimeline>();
  for (const key of ctx.streams.keys())
    timelines.set(key, {statuses: [], records: [], errored: false});

  ctx.messages.forEach((message, index) => {
    if (message.type === 'RECORD') {
      timelines.get(recordStreamKey(message.record))?.records.push(index);
    } else if (message.type === 'TRACE' && message.trace.type === 'STREAM_STATUS') {
      const key = streamKey(message.trace.stream_status.stream_descriptor);
      const timeline = timelines.get(key);
      if (timeline === undefined) {
        violations.push(
          at(
            index,
            message,
            `STREAM_STATUS for a stream not in the configured catalog (configured: ${describeConfigured(ctx)})`,
            key
          )
        );
      } else {
        timeline.statuses.push({index, status: message.trace.stream_status.status});
      }
    } else if (message.type === 'TRACE' && message.trace.type === 'ERROR') {
      const descriptor = message.trace.error.stream_descriptor;
      const timeline = descriptor === undefined ? undefined : timelines.get(streamKey(descriptor));
      if (timeline !== undefined) timeline.errored = true;
    }
  });

  for (const [key, timeline] of timelines) {
    violations.push(...checkTimeline(timeline, ctx.failed).map((v) => `stream "${key}": ${v}`));
  }
  return violations;
}

function checkTimeline({statuses, records, errored}: StreamTimeline, failed: boolean): string[] {
  const violations: string[] = [];
  const shown = (): string => statuses.map((s) => `${s.status}@message[${s.index}]`).join(', ');
  const first = statuses[0];
  if (first === undefined) {
    if (!failed || records.length > 0) {
      violations.push(
        'no STREAM_STATUS trace; emit STARTED, RUNNING (before the first record), then COMPLETE'
      );
    }
    return violations;
  }
  if (first.status !== 'STARTED')
    violations.push(`first status is ${first.status} (${shown()}); it must be STARTED`);
  if (statuses.filter((s) => s.status === 'STARTED').length > 1)
    violations.push(`STARTED emitted more than once (${shown()})`);

  const terminalAt = statuses.findIndex(
    (s) => s.status === 'COMPLETE' || s.status === 'INCOMPLETE'
  );
  const terminal = terminalAt === -1 ? undefined : statuses[terminalAt];
  if (terminal === undefined) {
    violations.push(
      `no COMPLETE or INCOMPLETE status (${shown()}); every started stream must end with one`
    );
  } else if (terminalAt !== statuses.length - 1) {
    violations.push(
      `statuses after ${terminal.status} (${shown()}); ${terminal.status} must be the last status`
    );
  }
  const middle = statuses.slice(1, terminal === undefined ? statuses.length : terminalAt);
  const notRunning = middle.filter((s) => s.status !== 'RUNNING');
  if (notRunning.length > 0)
    violations.push(`between STARTED and the end only RUNNING is allowed (${shown()})`);

  if (!failed) {
    if (terminal?.status === 'INCOMPLETE')
      violations.push('ended INCOMPLETE although the read succeeded; emit COMPLETE');
    if (!middle.some((s) => s.status === 'RUNNING')) {
      violations.push(
        `no RUNNING status (${shown()}); emit RUNNING once the stream starts reading`
      );
    }
  } else if (errored && terminal?.status === 'COMPLETE') {
    violations.push('a TRACE ERROR names this stream but it ended COMPLETE; emit INCOMPLETE');
  }

  const firstRecord = records[0];
  if (firstRecord !== undefined) {
    const running = statuses.find((s) => s.status === 'RUNNING');
    if (running === undefined || running.index > firstRecord) {
      violations.push(`record at message[${firstRecord}] comes before any RUNNING status`);
    }
    if (terminal !== undefined) {
      const late = records.filter((r) => r > terminal.index);
      if (late.length > 0) {
        violations.push(
          `${late.length} record(s) after ${terminal.status} at message[${terminal.index}] (first: message[${late[0]}])`
        );
      }
    }
  }
  return violations;
}

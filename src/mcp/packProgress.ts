import type { PackProgress, PackStage } from '../pack/index.js';

/** A progress notification as MCP sends it (`notifications/progress`). */
export interface ProgressNotification {
  method: 'notifications/progress';
  params: { progressToken: string | number; progress: number; total: number; message: string };
}

/** The pipeline's stages in the order they run: progress counts them (a new stage fails to compile here). */
const STAGE_ORDER: Record<PackStage, number> = { scope: 0, collect: 1, screen: 2, read: 3, render: 4, zip: 5, record: 6, seal: 7, publish: 8 };
const STAGE_COUNT = Object.keys(STAGE_ORDER).length;

/**
 * Turn the pack pipeline's progress into MCP progress notifications for a client that asked for
 * them (a `progressToken`): progress rises through the stages (total: their number), the read
 * stage in steps of about 5 %.
 */
export function createPackProgress(
  token: string | number | undefined,
  send: (n: ProgressNotification) => Promise<void>,
): (event: PackProgress) => void {
  if (token === undefined) return () => undefined;
  let last = -1;
  return (event) => {
    if (event.stage === 'wait') return; // not a stage: the pack waits for a collector before reading
    const index = STAGE_ORDER[event.stage];
    const fraction = event.stage === 'read' && event.bytesTotal > 0 ? Math.floor((event.bytesDone / event.bytesTotal) * 20) / 20 : 0;
    const progress = index + fraction;
    if (progress <= last) return;
    last = progress;
    const message = event.stage === 'read' ? `read ${event.filesDone}/${event.filesTotal} files` : event.stage;
    send({ method: 'notifications/progress', params: { progressToken: token, progress, total: STAGE_COUNT, message } }).catch(() => undefined);
  };
}
